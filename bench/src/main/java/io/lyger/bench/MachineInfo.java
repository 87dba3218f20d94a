package io.lyger.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the numbers were measured on, for the report. */
public record MachineInfo(int cpus, String cpuModel, String memory, String kernel, String serverJdk, String wrkVersion,
                          String commit)
{
    /**
     * @param java the {@code java} executable the servers run on
     * @param root the repository, whose commit is measured
     */
    public static MachineInfo collect(Path java, Path root)
    {
        String model = "unknown";
        String memory = "unknown";
        try
        {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.US_ASCII))
                if (line.startsWith("model name"))
                {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.US_ASCII))
                if (line.startsWith("MemTotal:"))
                {
                    long kib = Long.parseLong(line.replaceAll("\\D", ""));
                    memory = String.format("%.1f GiB", kib / 1024.0 / 1024.0);
                    break;
                }
        }
        catch (IOException | NumberFormatException ignored)
        {
            // left unknown
        }
        String kernel = run("uname", "-srm");
        String jdk = run(java.toString(), "-version").lines().findFirst().orElse("unknown") + " (" + java + ")";
        String wrk = run("wrk", "--version").lines().findFirst().orElse("unknown");
        String commit = run("git", "-C", root.toString(), "rev-parse", "--short", "HEAD");
        if (!run("git", "-C", root.toString(), "status", "--porcelain", "--untracked-files=no").equals("unknown"))
            commit += " with uncommitted changes";
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), model, memory, kernel, jdk, wrk, commit);
    }

    /** @return the trimmed output of {@code command}, or "unknown" */
    static String run(String... command)
    {
        try
        {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(30, TimeUnit.SECONDS);
            return out.isEmpty() ? "unknown" : out;
        }
        catch (IOException e)
        {
            return "unknown (" + e.getMessage() + ")";
        }
        catch (InterruptedException e)
        {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
