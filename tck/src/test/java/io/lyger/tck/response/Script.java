package io.lyger.tck.response;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A servlet that runs the response calls a test lists in its query, in order: {@code ?do=status:201&do=write:hi}.
 * Each {@code do} is {@code op} or {@code op:argument} or {@code op:name:value} (split at the first colons).
 * <p>
 * Calls: {@code status:N}, {@code error:N}, {@code error:N:message}, {@code redirect:location},
 * {@code redirect-status:N:location}, {@code redirect-keep:location} (sendRedirect(location, false)),
 * {@code set:Name:value}, {@code add:Name:value}, {@code int:Name:N}, {@code add-int:Name:N}, {@code date:Name:millis},
 * {@code add-date:Name:millis}, {@code type:value} (setContentType; {@code type:} is null), {@code encoding:value}
 * (setCharacterEncoding; {@code encoding:} is null), {@code locale:tag}, {@code length:N}, {@code length-long:N},
 * {@code buffer:N}, {@code writer} (getWriter), {@code stream} (getOutputStream), {@code write:text} (through the
 * writer, or the stream when it was taken, as UTF-8), {@code bytes:text} (the stream, ISO-8859-1), {@code fill:N}
 * (N times 'x' through what is in use, the writer by default), {@code flush} (flushBuffer), {@code flush-writer},
 * {@code close} (closes what is in use), {@code reset}, {@code reset-buffer}, {@code trailer:Name:value}
 * (setTrailerFields with every trailer so far), {@code sleep:ms}.
 * <p>
 * Observations, noted in order: {@code committed}, {@code buffer-size}, {@code contains:Name}, {@code header:Name},
 * {@code headers:Name}, {@code names} (sorted, lower case), {@code content-type}, {@code encoding?},
 * {@code locale?}, {@code status?}. A call that throws is noted {@code op!ExceptionName}. The notes go in header
 * {@code X-Notes} (joined with {@code " | "}) when the response is still uncommitted at the end; {@code notes} writes
 * them into the body at that point instead (for what happens after the commit).
 */
public class Script extends HttpServlet
{
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        String[] steps = request.getParameterValues("do");
        Run run = new Run(response);
        if (steps != null)
        {
            for (String step : steps)
            {
                try
                {
                    run.step(step);
                }
                catch (Exception x)
                {
                    run.notes.add(step.split(":", 2)[0] + "!" + x.getClass().getSimpleName());
                }
            }
        }
        if (!response.isCommitted() && !run.notes.isEmpty())
            response.setHeader("X-Notes", String.join(" | ", run.notes));
    }

    private static final class Run
    {
        final HttpServletResponse response;
        final List<String> notes = new ArrayList<>();
        final Map<String, String> trailers = new LinkedHashMap<>();
        PrintWriter writer;
        OutputStream stream;

        Run(HttpServletResponse response)
        {
            this.response = response;
        }

        void step(String step) throws Exception
        {
            String[] parts = step.split(":", 2);
            String op = parts[0];
            String arg = parts.length > 1 ? parts[1] : "";
            String[] pair = arg.split(":", 2);
            String name = pair[0];
            String value = pair.length > 1 ? pair[1] : "";
            switch (op)
            {
                case "status" -> response.setStatus(Integer.parseInt(arg));
                case "error" -> {
                    if (pair.length > 1)
                        response.sendError(Integer.parseInt(name), value);
                    else
                        response.sendError(Integer.parseInt(arg));
                }
                case "redirect" -> response.sendRedirect(arg);
                case "redirect-status" -> response.sendRedirect(value, Integer.parseInt(name));
                case "redirect-keep" -> response.sendRedirect(arg, false);
                case "set" -> response.setHeader(name, pair.length > 1 ? value : null);
                case "add" -> response.addHeader(name, value);
                case "int" -> response.setIntHeader(name, Integer.parseInt(value));
                case "add-int" -> response.addIntHeader(name, Integer.parseInt(value));
                case "date" -> response.setDateHeader(name, Long.parseLong(value));
                case "add-date" -> response.addDateHeader(name, Long.parseLong(value));
                case "type" -> response.setContentType(arg.isEmpty() ? null : arg);
                case "encoding" -> response.setCharacterEncoding(arg.isEmpty() ? null : arg);
                case "locale" -> response.setLocale(Locale.forLanguageTag(arg));
                case "length" -> response.setContentLength(Integer.parseInt(arg));
                case "length-long" -> response.setContentLengthLong(Long.parseLong(arg));
                case "buffer" -> response.setBufferSize(Integer.parseInt(arg));
                case "writer" -> writer = response.getWriter();
                case "stream" -> stream = response.getOutputStream();
                case "write" -> {
                    if (stream != null)
                        stream.write(arg.getBytes(StandardCharsets.UTF_8));
                    else
                        writer().print(arg);
                }
                case "bytes" -> {
                    if (stream == null)
                        stream = response.getOutputStream();
                    stream.write(arg.getBytes(StandardCharsets.ISO_8859_1));
                }
                case "fill" -> {
                    String chunk = "x".repeat(Math.min(8192, Integer.parseInt(arg)));
                    for (int left = Integer.parseInt(arg); left > 0; left -= chunk.length())
                    {
                        String piece = left >= chunk.length() ? chunk : chunk.substring(0, left);
                        if (stream != null)
                            stream.write(piece.getBytes(StandardCharsets.ISO_8859_1));
                        else
                            writer().print(piece);
                    }
                }
                case "flush" -> response.flushBuffer();
                case "flush-writer" -> writer().flush();
                case "close" -> {
                    if (stream != null)
                        stream.close();
                    else
                        writer().close();
                }
                case "reset" -> response.reset();
                case "reset-buffer" -> response.resetBuffer();
                case "trailer" -> {
                    trailers.put(name, value);
                    Map<String, String> copy = new LinkedHashMap<>(trailers);
                    response.setTrailerFields(() -> copy);
                }
                case "sleep" -> Thread.sleep(Long.parseLong(arg));
                case "notes" -> {
                    String text = String.join(" | ", notes);
                    notes.clear();
                    if (stream != null)
                        stream.write(text.getBytes(StandardCharsets.UTF_8));
                    else
                        writer().print(text);
                }
                case "committed" -> notes.add("committed=" + response.isCommitted());
                case "buffer-size" -> notes.add("buffer-size=" + response.getBufferSize());
                case "contains" -> notes.add("contains=" + response.containsHeader(arg));
                case "header" -> notes.add("header=" + response.getHeader(arg));
                case "headers" -> notes.add("headers=" + String.join(",", response.getHeaders(arg)));
                case "names" -> {
                    TreeSet<String> names = new TreeSet<>();
                    for (String n : response.getHeaderNames())
                        names.add(n.toLowerCase(Locale.ROOT));
                    notes.add("names=" + String.join(",", names));
                }
                case "content-type" -> notes.add("content-type=" + response.getContentType());
                case "encoding?" -> notes.add("encoding=" + response.getCharacterEncoding());
                case "locale?" -> notes.add("locale=" + response.getLocale().toLanguageTag());
                case "status?" -> notes.add("status=" + response.getStatus());
                default -> throw new IllegalArgumentException("unknown step " + step);
            }
        }

        PrintWriter writer() throws IOException
        {
            if (writer == null)
                writer = response.getWriter();
            return writer;
        }
    }
}
