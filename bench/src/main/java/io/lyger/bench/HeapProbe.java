package io.lyger.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live Java heap of a server JVM, through the JDK's {@code jcmd}: a full GC ({@code GC.run}), then the heap's
 * used size ({@code GC.heap_info}). RSS alone cannot show what connections cost on the heap: their objects land in
 * pages the heap already made resident.
 */
public final class HeapProbe
{
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private HeapProbe()
    {
    }

    /** @return the used heap after a full GC in KiB, or -1 when jcmd is missing or answers something else */
    public static long liveHeapKib(Path jdk, long pid)
    {
        try
        {
            jcmd(jdk, pid, "GC.run");
            Matcher m = USED.matcher(jcmd(jdk, pid, "GC.heap_info"));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }
        catch (IOException e)
        {
            return -1;
        }
        catch (InterruptedException e)
        {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Runs {@code jcmd <pid> <command...>} of {@code jdk} and returns its output; fails on a non-zero exit. */
    static String jcmd(Path jdk, long pid, String... command) throws IOException, InterruptedException
    {
        List<String> line = new ArrayList<>(List.of(jdk.resolve("bin/jcmd").toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0)
            throw new IOException("jcmd " + String.join(" ", command) + " failed: " + out);
        return out;
    }
}
