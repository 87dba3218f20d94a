package io.lyger.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.lyger.sample.app.Fortune;
import io.lyger.sample.app.FortuneService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /fortunes}: the fortunes as an HTML table, sorted by message, every message escaped. */
public class FortunesServlet extends SampleServlet
{
    @Inject
    FortuneService fortunes;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        StringBuilder html = new StringBuilder(2048);
        html.append("<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>");
        for (Fortune fortune : fortunes.fortunes())
        {
            html.append("<tr><td>").append(fortune.getId()).append("</td><td>");
            escape(fortune.getMessage(), html);
            html.append("</td></tr>");
        }
        html.append("</table></body></html>");
        byte[] bytes = html.toString().getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html;charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Appends {@code text} with the five characters that matter in HTML content and attributes escaped. */
    static void escape(String text, StringBuilder html)
    {
        for (int i = 0; i < text.length(); i++)
        {
            char c = text.charAt(i);
            switch (c)
            {
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '&' -> html.append("&amp;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                default -> html.append(c);
            }
        }
    }
}
