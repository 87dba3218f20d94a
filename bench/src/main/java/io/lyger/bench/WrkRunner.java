package io.lyger.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk (Debian's) for one scenario against one server and parses its result.
 * <p>
 * Every run uses a Lua script written here: its {@code done()} prints one line starting with {@link #MARKER} with all
 * numbers as {@code key=value} pairs (including p99.9, which wrk's --latency table does not print). Plain GETs define no
 * {@code request()} function, so wrk keeps its static, pre-formatted request (the cheapest path for the client);
 * pipelining writes {@link Scenarios#PIPELINE_DEPTH} formatted requests at once, as TechEmpower's pipeline.lua does.
 */
public final class WrkRunner
{
    static final String MARKER = "LYGER-WRK";

    private static final String DONE = """
        function done(summary, latency, requests)
          local e = summary.errors
          io.write(string.format("%s requests=%d duration_us=%d bytes=%d connect=%d read=%d write=%d status=%d timeout=%d p50_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f\\n",
            "LYGER-WRK", summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
            latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
        end
        """;

    private static final Pattern PAIR = Pattern.compile("(\\w+)=([0-9.]+)");

    private final Path workDir;
    /** A command that runs wrk on chosen CPUs ({@code taskset -c 1}), or empty. */
    private final List<String> pin;

    /** @param workDir where the Lua scripts and wrk's raw output are written */
    public WrkRunner(Path workDir)
    {
        this(workDir, List.of());
    }

    public WrkRunner(Path workDir, List<String> pin)
    {
        this.workDir = workDir;
        this.pin = List.copyOf(pin);
    }

    /**
     * Runs wrk for {@code seconds} against {@code baseUrl} (e.g. {@code http://127.0.0.1:8080}, context path included).
     *
     * @param label names the raw output file kept for inspection
     */
    public WrkResult run(Scenario scenario, String baseUrl, int seconds, String label) throws IOException, InterruptedException
    {
        Files.createDirectories(workDir);
        Path script = writeScript(scenario);
        List<String> command = new ArrayList<>(pin);
        command.addAll(List.of("wrk",
            "-t" + scenario.threads(), "-c" + scenario.connections(), "-d" + seconds + "s",
            "--timeout", "10s", "-s", script.toString()));
        if (scenario.load() == Scenario.Load.CONNECTION_CLOSE)
            command.addAll(List.of("-H", "Connection: close"));
        command.add(baseUrl + scenario.path());
        Path out = workDir.resolve(label + ".wrk.txt");
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS))
        {
            wrk.destroyForcibly();
            throw new IOException("wrk did not finish within " + (seconds + 60) + " s: " + command);
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        if (wrk.exitValue() != 0)
            throw new IOException("wrk exited with " + wrk.exitValue() + ": " + command + "\n" + output);
        WrkResult result = parse(output);
        if (scenario.load() == Scenario.Load.PIPELINE)
        {
            // wrk records one latency per batch of pipelined requests and then "corrects" for coordinated omission
            // as if one request were in flight per connection: with pipelining its percentiles are meaningless
            // (p99 typically comes out 0). Report none rather than wrong ones.
            result = new WrkResult(result.requests(), result.durationMicros(), result.bytes(), result.connectErrors(),
                result.readErrors(), result.writeErrors(), result.statusErrors(), result.timeouts(), Double.NaN,
                Double.NaN, Double.NaN, result.maxMicros());
        }
        return result;
    }

    /** @return the numbers of the {@link #MARKER} line of wrk's output. */
    static WrkResult parse(String output) throws IOException
    {
        for (String line : output.split("\n"))
        {
            if (!line.startsWith(MARKER))
                continue;
            Map<String, Double> values = new HashMap<>();
            Matcher m = PAIR.matcher(line);
            while (m.find())
                values.put(m.group(1), Double.parseDouble(m.group(2)));
            return new WrkResult(get(values, "requests"), get(values, "duration_us"), get(values, "bytes"),
                get(values, "connect"), get(values, "read"), get(values, "write"), get(values, "status"),
                get(values, "timeout"), latency(values, "p50_us"), latency(values, "p99_us"),
                latency(values, "p999_us"), latency(values, "max_us"));
        }
        throw new IOException("no " + MARKER + " line in wrk's output:\n" + output);
    }

    /**
     * @return a latency in µs, NaN when wrk has none: its percentile() answers 0 when its coordinated-omission
     * correction put samples below the minimum it scans from (it does so with pipelining, see {@link #run})
     */
    private static double latency(Map<String, Double> values, String key)
    {
        double v = values.getOrDefault(key, 0.0);
        return v > 0 ? v : Double.NaN;
    }

    private static long get(Map<String, Double> values, String key)
    {
        return Math.round(values.getOrDefault(key, 0.0));
    }

    private Path writeScript(Scenario scenario) throws IOException
    {
        String body = switch (scenario.load())
        {
            case GET, CONNECTION_CLOSE -> "";
            case TLS_FULL_HANDSHAKE, TLS_RESUMED_HANDSHAKE -> throw new IllegalArgumentException(
                scenario.id() + " is run by openssl s_time (STimeRunner), not wrk");
            case PIPELINE -> """
                local pipelined
                function init(args)
                  local r = {}
                  for i = 1, %d do
                    r[i] = wrk.format()
                  end
                  pipelined = table.concat(r)
                end
                function request()
                  return pipelined
                end
                """.formatted(Scenarios.PIPELINE_DEPTH);
            case UPLOAD -> """
                wrk.method = "POST"
                wrk.body = string.rep("L", %d)
                wrk.headers["Content-Type"] = "application/octet-stream"
                """.formatted(Scenarios.UPLOAD_BYTES);
        };
        Path script = workDir.resolve(scenario.load().name().toLowerCase() + ".lua");
        Files.writeString(script, "-- written by io.lyger.bench.WrkRunner\n" + body + DONE, StandardCharsets.UTF_8);
        return script;
    }
}
