package io.lyger.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a server process's CPU time and memory from /proc (Linux only).
 * <ul>
 * <li>CPU: {@code utime + stime} of {@code /proc/<pid>/stat} (all threads), in clock ticks of {@link #CLOCK_TICKS} Hz;</li>
 * <li>memory: {@code VmHWM} (peak resident set) and {@code VmRSS} of {@code /proc/<pid>/status}, in KiB.</li>
 * </ul>
 * {@link #resetPeak} writes 5 to {@code /proc/<pid>/clear_refs} (Linux 4.0+, needs to own the process or root),
 * so that VmHWM measures the peak of one run instead of the process's lifetime.
 */
public final class ProcStats
{
    /** USER_HZ: 100 on every Linux architecture this runs on ({@code getconf CLK_TCK}). */
    public static final int CLOCK_TICKS = clockTicks();

    private ProcStats()
    {
    }

    /** @return utime + stime of the process so far, in seconds */
    public static double cpuSeconds(long pid) throws IOException
    {
        String[] fields = statFields(Long.toString(pid));
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        long utime = Long.parseLong(fields[14 - 3]);
        long stime = Long.parseLong(fields[15 - 3]);
        return (utime + stime) / (double)CLOCK_TICKS;
    }

    /**
     * @return CPU seconds of this JVM's children that have been waited for ({@code cutime + cstime} of
     * /proc/self/stat): the delta over a run is wrk's CPU time, as the harness starts no other process meanwhile
     */
    public static double childrenCpuSeconds() throws IOException
    {
        String[] fields = statFields("self");
        return (Long.parseLong(fields[16 - 3]) + Long.parseLong(fields[17 - 3])) / (double)CLOCK_TICKS;
    }

    /** @return utime + stime of this JVM (the harness) */
    public static double selfCpuSeconds() throws IOException
    {
        String[] fields = statFields("self");
        return (Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3])) / (double)CLOCK_TICKS;
    }

    /**
     * @return CPU seconds the whole machine has spent in processes (all CPUs: user, nice, system, and steal, i.e. time
     * the hypervisor gave to someone else; /proc/stat). Interrupt and softirq time is left out: it is mostly loopback
     * packet processing for the benchmark's own traffic, and Linux charges it to no process.
     */
    public static double machineBusySeconds() throws IOException
    {
        String cpu = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII).get(0);
        String[] f = cpu.trim().split("\\s+");
        // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest is already in user)
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 8})
            if (i < f.length)
                busy += Long.parseLong(f[i]);
        return busy / (double)CLOCK_TICKS;
    }

    /** @return VmHWM, the peak resident set size, in KiB */
    public static long peakRssKib(long pid) throws IOException
    {
        return statusKib(pid, "VmHWM:");
    }

    /** @return VmRSS, the resident set size now, in KiB */
    public static long rssKib(long pid) throws IOException
    {
        return statusKib(pid, "VmRSS:");
    }

    /** @return true if the peak RSS was reset to the current RSS */
    public static boolean resetPeak(long pid)
    {
        try
        {
            Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
            return true;
        }
        catch (IOException | SecurityException e)
        {
            return false;
        }
    }

    /** @return the fields of /proc/{@code pid}/stat from field 3 (state) on */
    private static String[] statFields(String pid) throws IOException
    {
        String stat = Files.readString(Path.of("/proc", pid, "stat"), StandardCharsets.US_ASCII);
        // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
    }

    private static long statusKib(long pid, String key) throws IOException
    {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII))
        {
            if (line.startsWith(key))
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
        }
        throw new IOException(key + " not found in /proc/" + pid + "/status");
    }

    private static int clockTicks()
    {
        try
        {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor();
            return Integer.parseInt(out);
        }
        catch (IOException | NumberFormatException e)
        {
            return 100;
        }
        catch (InterruptedException e)
        {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
