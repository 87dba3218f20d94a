package io.lyger.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a server's CPU goes during one load run: JFR's execution samples (Java code, by layer and by method, through
 * {@code jcmd JFR.start}) and, where {@code perf} can sample this machine, the share of CPU per shared object
 * (the Rust engine's liblyger.so, the JVM, JIT-compiled code, the kernel). Issue 3 asks for the profile beside the
 * results that show where the time goes.
 */
final class CpuProfile
{
    /** Layers by package prefix of the sampled top frame, most specific first. */
    private static final List<Map.Entry<String, String>> LAYERS = List.of(
        Map.entry("io.lyger.connector", "Lyger connector (Java)"),
        Map.entry("io.lyger.sample", "application (sample WAR)"),
        Map.entry("io.lyger.warm", "Lyger warm start and metrics"),
        Map.entry("org.eclipse.jetty.ee11", "Jetty servlet layer (ee11)"),
        Map.entry("org.eclipse.jetty.server", "Jetty core server"),
        Map.entry("org.eclipse.jetty.http", "Jetty HTTP (parser, fields, generator)"),
        Map.entry("org.eclipse.jetty.io", "Jetty I/O (selector, endpoints, buffers)"),
        Map.entry("org.eclipse.jetty.util", "Jetty util (thread pool, callbacks)"),
        Map.entry("org.eclipse.jetty", "Jetty other"),
        Map.entry("com.sun.jna", "JNA"),
        Map.entry("jakarta.", "Jakarta APIs"),
        Map.entry("sun.nio.", "JDK NIO"),
        Map.entry("java.", "JDK"),
        Map.entry("jdk.", "JDK"),
        Map.entry("sun.", "JDK"));
    private static final Pattern PERF_LINE = Pattern.compile("^\\s*([0-9.]+)%\\s+(\\S.*?)\\s*$");

    /** One side's profile. */
    record Result(Side side, long samples, Map<String, Long> layers, List<Map.Entry<String, Long>> methods,
                  Map<String, Double> perfShares, String perfNote)
    {
    }

    private CpuProfile()
    {
    }

    /**
     * Records {@code server} while {@code load} runs twice: first under perf alone, then under JFR alone. Starting a
     * JFR recording sends the JIT compiler back to work (C2 took about a third of the server's CPU in the seconds after
     * {@code JFR.start}), which perf would count as the server's own.
     */
    static Result record(Path jdk, ServerProcess server, Path workDir, LoadRun load) throws IOException, InterruptedException
    {
        Path jfr = workDir.resolve("profile-" + server.side().option() + ".jfr");
        Path perfData = workDir.resolve("profile-" + server.side().option() + ".perf");
        Files.deleteIfExists(jfr);
        Process perf = startPerf(server.pid(), perfData);
        try
        {
            load.run();
        }
        finally
        {
            if (perf != null)
            {
                perf.destroy(); // SIGTERM: perf record writes its file and exits
                perf.waitFor(30, TimeUnit.SECONDS);
            }
        }
        java.util.Set<String> engineFiles = engineFiles(server.pid());
        HeapProbe.jcmd(jdk, server.pid(), "JFR.start", "name=lyger-bench", "settings=profile", "filename=" + jfr);
        try
        {
            load.run();
        }
        finally
        {
            HeapProbe.jcmd(jdk, server.pid(), "JFR.stop", "name=lyger-bench");
        }
        Map<String, Long> layers = new HashMap<>();
        Map<String, Long> methods = new HashMap<>();
        long samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(jfr))
        {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                || event.getStackTrace().getFrames().isEmpty())
                continue;
            RecordedFrame top = event.getStackTrace().getFrames().get(0);
            String type = top.getMethod().getType().getName();
            samples++;
            layers.merge(layer(type), 1L, Long::sum);
            methods.merge(type + "." + top.getMethod().getName(), 1L, Long::sum);
        }
        List<Map.Entry<String, Long>> top = methods.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15).toList();
        Map<String, Double> shares = new LinkedHashMap<>();
        String note = perf == null ? "perf is not installed or cannot sample here" : perfShares(perfData, engineFiles, shares);
        return new Result(server.side(), samples, sorted(layers), top, shares, note);
    }

    /** The load the profile is taken under. */
    interface LoadRun
    {
        void run() throws IOException, InterruptedException;
    }

    private static String layer(String type)
    {
        for (Map.Entry<String, String> layer : LAYERS)
            if (type.startsWith(layer.getKey()))
                return layer.getValue();
        return "other";
    }

    private static Map<String, Long> sorted(Map<String, Long> counts)
    {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** Starts {@code perf record} on the process with the software CPU clock (hardware counters are often missing). */
    private static Process startPerf(long pid, Path data)
    {
        try
        {
            Process perf = new ProcessBuilder("perf", "record", "-e", "cpu-clock", "-F", "499", "-p", Long.toString(pid),
                "-o", data.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(300);
            return perf.isAlive() ? perf : null;
        }
        catch (IOException e)
        {
            return null;
        }
        catch (InterruptedException e)
        {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * JNA extracts both its own dispatch library and liblyger.so from their jars to files named {@code jna<number>.tmp},
     * deleted once loaded, so perf names both alike and cannot read their symbols. The process's mappings still reach
     * the files ({@code /proc/PID/map_files}, readable by root): the one that holds the engine's entry points is
     * liblyger.so.
     *
     * @return the names of the mapped files that are liblyger.so; empty when the mappings cannot be read
     */
    private static java.util.Set<String> engineFiles(long pid)
    {
        java.util.Set<String> names = new java.util.HashSet<>();
        java.util.Set<String> read = new java.util.HashSet<>();
        try
        {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "maps")))
            {
                String[] fields = line.trim().split("\\s+", 6);
                if (fields.length < 6 || !fields[5].contains("jna") || !fields[5].contains(".tmp"))
                    continue;
                // a library is mapped in several segments: each maps the whole file, read once
                String name = Path.of(fields[5].replace(" (deleted)", "")).getFileName().toString();
                if (!read.add(name))
                    continue;
                byte[] file = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "map_files", fields[0]));
                if (new String(file, StandardCharsets.ISO_8859_1).contains("lyger_engine_start"))
                    names.add(name);
            }
        }
        catch (IOException | RuntimeException e)
        {
            // not root, or not Linux: liblyger.so stays counted with JNA's library
        }
        return names;
    }

    /** Fills {@code shares} with perf's CPU share per shared object; returns a note when that fails. */
    private static String perfShares(Path data, java.util.Set<String> engineFiles, Map<String, Double> shares)
        throws IOException, InterruptedException
    {
        if (!Files.isRegularFile(data))
            return "perf wrote no data";
        Process report = new ProcessBuilder("perf", "report", "-i", data.toString(), "--sort", "dso", "--stdio")
            .redirectErrorStream(false).start();
        String out = new String(report.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        report.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!report.waitFor(60, TimeUnit.SECONDS) || report.exitValue() != 0)
            return "perf report failed";
        for (String line : out.lines().toList())
        {
            Matcher m = PERF_LINE.matcher(line);
            if (!m.matches() || line.startsWith("#"))
                continue;
            String dso = m.group(2);
            boolean engine = engineFiles.stream().anyMatch(dso::contains);
            shares.merge(engine ? "liblyger.so (Rust engine)" : dsoName(dso), Double.parseDouble(m.group(1)), Double::sum);
        }
        return shares.isEmpty() ? "perf recorded no samples" : null;
    }

    private static String dsoName(String dso)
    {
        if (dso.contains("liblyger"))
            return "liblyger.so (Rust engine)";
        if (dso.contains("libjvm"))
            return "libjvm.so (JVM: GC, JIT compiler, runtime)";
        if (dso.contains("kernel"))
            return "kernel (syscalls, TCP loopback)";
        if (dso.startsWith("perf-") || dso.contains("[unknown]") || dso.contains("JIT"))
            return "JIT-compiled Java code";
        if (dso.contains("libc"))
            return "libc";
        if (dso.contains("libjna") || dso.contains("jna"))
            return "libjnidispatch (JNA)";
        return "other (" + dso + ")";
    }

    /** The profile section of RESULTS.md. */
    static String markdown(String scenarioId, int seconds, List<Result> results)
    {
        StringBuilder md = new StringBuilder();
        md.append("\n## CPU profile (").append(scenarioId).append(", two ").append(seconds).append(" s runs per side: perf, then JFR)\n\n");
        md.append("JFR execution samples of Java code (`settings=profile`), by the top frame's layer; time in native code ")
            .append("(the Rust engine, the kernel) is not in these samples: `perf` gives that split where it can sample.\n\n");
        md.append("| layer (top frame) |");
        results.forEach(r -> md.append(' ').append(r.side().option()).append(" |"));
        md.append("\n|---|");
        results.forEach(r -> md.append("---|"));
        md.append('\n');
        List<String> layers = results.stream().flatMap(r -> r.layers().keySet().stream()).distinct().toList();
        for (String layer : layers)
        {
            md.append("| ").append(layer).append(" |");
            for (Result r : results)
                md.append(' ').append(percent(r.layers().getOrDefault(layer, 0L), r.samples())).append(" |");
            md.append('\n');
        }
        md.append("| samples |");
        results.forEach(r -> md.append(' ').append(r.samples()).append(" |"));
        md.append("\n");
        for (Result r : results)
        {
            md.append("\nTop Java methods, ").append(r.side().option()).append(" (share of Java samples):\n\n");
            md.append("| method | share |\n|---|---|\n");
            for (Map.Entry<String, Long> m : r.methods())
                md.append("| `").append(m.getKey()).append("` | ").append(percent(m.getValue(), r.samples())).append(" |\n");
        }
        md.append("\nCPU by shared object (`perf record -e cpu-clock`, whole process, in a run without JFR):\n\n");
        md.append("| object |");
        results.forEach(r -> md.append(' ').append(r.side().option()).append(" |"));
        md.append("\n|---|");
        results.forEach(r -> md.append("---|"));
        md.append('\n');
        List<String> objects = results.stream().flatMap(r -> r.perfShares().keySet().stream()).distinct()
            .sorted(Comparator.comparing((String o) -> -results.get(0).perfShares().getOrDefault(o, 0.0))).toList();
        for (String object : objects)
        {
            md.append("| ").append(object).append(" |");
            for (Result r : results)
                md.append(' ').append(String.format("%.1f%%", r.perfShares().getOrDefault(object, 0.0))).append(" |");
            md.append('\n');
        }
        for (Result r : results)
            if (r.perfNote() != null)
                md.append("\n").append(r.side().option()).append(": ").append(r.perfNote()).append(".\n");
        return md.toString();
    }

    private static String percent(long part, long whole)
    {
        return whole == 0 ? "-" : String.format("%.1f%%", 100.0 * part / whole);
    }
}
