package io.lyger.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
        Path jcmd = jdk.resolve("bin/jcmd");
        try
        {
            run(jcmd, pid, "GC.run");
            Matcher m = USED.matcher(run(jcmd, pid, "GC.heap_info"));
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

    private static String run(Path jcmd, long pid, String command) throws IOException, InterruptedException
    {
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0)
            throw new IOException("jcmd " + command + " failed: " + out);
        return out;
    }
}
