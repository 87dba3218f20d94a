package io.lyger.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TLS handshake scenarios: {@link Scenarios#S_TIME_PROCESSES} concurrent {@code openssl s_time} processes (Debian's
 * openssl), each opening one connection at a time with a full handshake ({@code -new}) or resuming the session of its
 * first connection ({@code -reuse}), and sending {@code GET <path> HTTP/1.0} on each ({@code -www}), read to the end.
 * <p>
 * wrk cannot do full handshakes: it keeps its SSL object across reconnects and so resumes the session every time.
 * s_time prints one character per connection: {@code r} when the session was resumed, otherwise the protocol's; a
 * resumed run counts every connection that was not resumed (bar each process's first) as an error, so that a server
 * that does not resume cannot pass full handshakes off as resumed ones. s_time measures no latency per connection.
 */
public final class STimeRunner
{
    private static final Pattern CONNECTIONS = Pattern.compile("(\\d+) connections in [0-9.]+s; .*bytes read (\\d+)");

    private final Path workDir;

    public STimeRunner(Path workDir)
    {
        this.workDir = workDir;
    }

    /** Runs the processes for {@code seconds} against {@code baseUrl} ({@code https://host:port/context}). */
    public WrkResult run(Scenario scenario, String baseUrl, int seconds, String label) throws IOException, InterruptedException
    {
        URI uri = URI.create(baseUrl);
        if (!"https".equals(uri.getScheme()))
            throw new IOException(scenario.id() + " needs an https:// target, not " + baseUrl);
        boolean resume = scenario.load() == Scenario.Load.TLS_RESUMED_HANDSHAKE;
        Files.createDirectories(workDir);
        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < scenario.connections(); i++)
        {
            // 127.0.0.1, where the servers listen (s_time sends no SNI either way)
            List<String> command = List.of("openssl", "s_time", "-connect", "127.0.0.1:" + uri.getPort(),
                resume ? "-reuse" : "-new", "-time", String.valueOf(seconds), "-www", uri.getPath() + scenario.path());
            Path out = workDir.resolve(label + ".s_time-" + (i + 1) + ".txt");
            outputs.add(out);
            processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start());
        }
        for (Process p : processes)
            if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS))
            {
                processes.forEach(Process::destroyForcibly);
                throw new IOException("openssl s_time did not finish within " + (seconds + 60) + " s (" + label + ")");
            }
        long micros = (System.nanoTime() - t0) / 1000;
        long connections = 0;
        long bytes = 0;
        long errors = 0;
        for (int i = 0; i < processes.size(); i++)
        {
            String output = Files.readString(outputs.get(i), StandardCharsets.UTF_8);
            Counts counts = parse(output, resume);
            if (processes.get(i).exitValue() != 0 || counts.connections() == 0)
                throw new IOException("openssl s_time exited with " + processes.get(i).exitValue() + " after "
                    + counts.connections() + " connections (" + outputs.get(i) + "):\n" + tail(output));
            connections += counts.connections();
            bytes += counts.bytes();
            errors += counts.notResumed();
        }
        return new WrkResult(connections, micros, bytes, 0, 0, 0, errors, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * What one s_time process reported.
     *
     * @param notResumed with {@code -reuse}: connections whose session was not resumed, bar the first (0 otherwise)
     */
    record Counts(long connections, long bytes, long notResumed)
    {
    }

    /** @return the connections and bytes of s_time's summary line, and the connections not resumed when {@code resume} */
    static Counts parse(String output, boolean resume)
    {
        Matcher m = CONNECTIONS.matcher(output);
        if (!m.find())
            return new Counts(0, 0, 0);
        long notResumed = 0;
        if (resume)
        {
            // The per-connection marks are on the line(s) after "starting"; 'r' = resumed, a protocol mark otherwise.
            int start = output.indexOf("starting");
            String marks = start < 0 ? "" : output.substring(start + "starting".length(), m.start());
            long marked = marks.chars().filter(c -> c > ' ').count();
            long resumed = marks.chars().filter(c -> c == 'r').count();
            notResumed = Math.max(0, marked - resumed - 1);
        }
        return new Counts(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), notResumed);
    }

    private static String tail(String output)
    {
        return output.length() <= 2000 ? output : output.substring(output.length() - 2000);
    }
}
