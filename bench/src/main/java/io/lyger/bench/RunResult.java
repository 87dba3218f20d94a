package io.lyger.bench;

/**
 * One measured wrk run against one server.
 *
 * @param pair          index of the round it belongs to (0-based)
 * @param cpuSeconds    server utime + stime over the run
 * @param peakRssKib    server VmHWM at the end of the run ({@code peakPerRun}: reset at its start; else lifetime peak)
 * @param idleHeld      idle keep-alive connections held during the run (idle scenario only)
 * @param idleFailed    idle connections that could not be opened or were not answered with 200
 * @param idleClosed    held idle connections the server had closed by the end of the run
 * @param wrkCpuSeconds wrk's CPU time over the run
 * @param otherCpuSeconds CPU time the rest of the machine used over the run (not this server, wrk or the harness):
 *                      the other servers idling, and anything else running on the machine
 * @param seconds       wall-clock length of the measured window
 * @param idleRssGrowthKib how much the server's RSS grew while the idle connections were opened (idle scenario only)
 * @param idleHeapGrowthKib how much its live heap (after a full GC) grew meanwhile; -1 when unknown
 */
public record RunResult(Side side, int pair, WrkResult wrk, double cpuSeconds, long peakRssKib, boolean peakPerRun,
                        int idleHeld, int idleFailed, int idleClosed, double wrkCpuSeconds, double otherCpuSeconds,
                        double seconds, long idleRssGrowthKib, long idleHeapGrowthKib)
{
    /** @return the average number of cores used by everything but this server, wrk and the harness */
    public double otherCores()
    {
        return seconds <= 0 ? Double.NaN : Math.max(0, otherCpuSeconds) / seconds;
    }

    /** @return the average number of cores this server used */
    public double serverCores()
    {
        return seconds <= 0 ? Double.NaN : cpuSeconds / seconds;
    }

    /** @return RSS growth plus live-heap growth per idle connection, in bytes (NaN outside the idle scenario) */
    public double idleBytesPerConnection()
    {
        if (idleHeld <= 0)
            return Double.NaN;
        return (Math.max(0, idleRssGrowthKib) + Math.max(0, idleHeapGrowthKib)) * 1024.0 / idleHeld;
    }

    public double requestsPerSecond()
    {
        return wrk.requestsPerSecond();
    }

    /** @return server CPU seconds per 10,000 requests (NaN without requests) */
    public double cpuSecondsPer10k()
    {
        return wrk.requests() == 0 ? Double.NaN : cpuSeconds / wrk.requests() * 10_000;
    }
}
