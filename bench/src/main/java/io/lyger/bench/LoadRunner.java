package io.lyger.bench;

import java.io.IOException;
import java.nio.file.Path;

/** Runs a scenario's load with the client it needs: wrk, or {@code openssl s_time} for the TLS handshake scenarios. */
public final class LoadRunner
{
    private final WrkRunner wrk;
    private final STimeRunner sTime;

    /**
     * @param workDir where scripts and the clients' raw output are written
     * @param wrkPin  a command that runs wrk on chosen CPUs ({@code taskset -c 1}), or empty
     */
    public LoadRunner(Path workDir, java.util.List<String> wrkPin)
    {
        this.wrk = new WrkRunner(workDir, wrkPin);
        this.sTime = new STimeRunner(workDir);
    }

    /**
     * Runs the load for {@code seconds} against {@code baseUrl} (context path included).
     *
     * @param label names the raw output file(s) kept for inspection
     */
    public WrkResult run(Scenario scenario, String baseUrl, int seconds, String label) throws IOException, InterruptedException
    {
        return scenario.load().sTime() ? sTime.run(scenario, baseUrl, seconds, label) : wrk.run(scenario, baseUrl, seconds, label);
    }
}
