package io.lyger.bench;

import java.util.List;
import java.util.Locale;

/**
 * The RESULTS.md section that explains a throughput ratio from CPU per request. wrk and the server share the machine's
 * cores, and under load both are busy: a request then costs the server's CPU for it plus wrk's, and the throughput
 * ratio native/Jetty comes out close to {@code (jetty + wrk) / (native + wrk)} in CPU per request. So the server CPU
 * per request a throughput target needs follows from the measured wrk share: with wrk at 8-12 µs a request on the
 * project's 2-core machine, 1.3× asks for the native server at about two thirds of Jetty's CPU per request.
 */
final class SharedCoreBound
{
    private SharedCoreBound()
    {
    }

    /** @return the section, or an empty string when no scenario with a throughput target ran */
    static String markdown(List<ScenarioResult> results)
    {
        StringBuilder rows = new StringBuilder();
        for (ScenarioResult result : results)
        {
            if (!result.ran())
                continue;
            for (Target target : result.scenario().targets())
            {
                if (target.metric() != Metric.THROUGHPUT || !target.atLeast())
                    continue;
                double nativeServer = micros(result.runs(Side.NATIVE), false);
                double jettyServer = micros(result.runs(Side.JETTY), false);
                double nativeWrk = micros(result.runs(Side.NATIVE), true);
                double jettyWrk = micros(result.runs(Side.JETTY), true);
                double predicted = (jettyServer + jettyWrk) / (nativeServer + nativeWrk);
                double needed = (jettyServer + jettyWrk) / target.bound() - nativeWrk;
                rows.append(String.format(Locale.ROOT, "| %s | %.1f / %.1f = %s | %.1f / %.1f | %s | %s | %.1f µs (%s) |%n",
                    result.scenario().id(), nativeServer, jettyServer, MarkdownReport.ratio(nativeServer / jettyServer),
                    nativeWrk, jettyWrk, MarkdownReport.ratio(predicted), MarkdownReport.ratio(result.ratio(Metric.THROUGHPUT)),
                    needed, MarkdownReport.ratio(needed / jettyServer)));
            }
        }
        if (rows.length() == 0)
            return "";
        return "## Throughput on shared cores\n\n"
            + "wrk runs on the same cores as the server, so under load a request costs the server's CPU for it plus wrk's, "
            + "and the throughput ratio follows from CPU per request: about (Jetty + wrk) / (native + wrk). The last column is "
            + "the native server's CPU per request that the throughput target would need, given wrk's measured share "
            + "(and as a ratio of Jetty's). Medians over the runs; µs of CPU per request.\n\n"
            + "| scenario | server CPU: native / Jetty | wrk CPU: native / Jetty | predicted ratio | measured ratio | native server CPU the target needs |\n"
            + "|---|---|---|---|---|---|\n" + rows + "\n";
    }

    /** @return the median CPU µs per request of the server, or of wrk, over these runs */
    private static double micros(List<RunResult> runs, boolean wrk)
    {
        return Stats.median(runs.stream()
            .map(r -> r.wrk().requests() == 0 ? Double.NaN : (wrk ? r.wrkCpuSeconds() : r.cpuSeconds()) / r.wrk().requests() * 1e6)
            .toList());
    }
}
