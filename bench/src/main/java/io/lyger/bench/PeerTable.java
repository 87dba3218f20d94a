package io.lyger.bench;

import java.util.List;
import java.util.Locale;

/**
 * RESULTS.md's "Against the peers" section (issue 17): per scenario, each target's median of requests/s, CPU per
 * request and p99, and lyger-native's ratio against the best peer of that figure in the same run (the highest
 * requests/s, the lowest CPU per request, the lowest p99 among bare Jetty, Tomcat and Undertow).
 */
final class PeerTable
{
    /** The figures compared, in the order of the tables. */
    static final List<Metric> METRICS = List.of(Metric.THROUGHPUT, Metric.CPU_PER_10K, Metric.P99);

    private PeerTable()
    {
    }

    static String markdown(BenchRun run)
    {
        List<Side> peers = Side.peers(run.targets());
        if (peers.isEmpty())
            return "";
        StringBuilder md = new StringBuilder("## Against the peers (issue 17)\n\n");
        md.append("The same rounds as above: every target runs once per round, in the order of the columns, ")
            .append(run.options().pairs()).append(" round(s) of ").append(run.options().seconds())
            .append(" s. Each cell is the target's median; the last column is lyger-native against the best peer of that ")
            .append("figure (named), the median of the per-round ratios. Peers: ")
            .append(String.join(", ", peers.stream().map(p -> "`" + p.option() + "` (" + p.label() + ")").toList()))
            .append(". Below 1 is better for CPU and p99, above 1 for requests/s. The peers serve ")
            .append(run.options().peerApp().describe(run.options().app())).append(".\n\n");
        for (Metric metric : METRICS)
        {
            md.append("### ").append(title(metric)).append("\n\n| scenario |");
            for (Side side : run.targets())
                md.append(' ').append(side.option()).append(" |");
            md.append(" lyger-native / best peer |\n|---|").append("---|".repeat(run.targets().size() + 1)).append('\n');
            for (ScenarioResult result : run.results())
            {
                if (!result.ran())
                    continue;
                md.append("| ").append(result.scenario().id()).append(" |");
                for (Side side : run.targets())
                    md.append(' ').append(format(metric, result.median(side, metric))).append(" |");
                md.append(' ').append(MarkdownReport.ratio(result.peerRatio(metric)))
                    .append(result.bestPeer(metric).map(p -> " (" + p.option() + ")").orElse("")).append(" |\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    static String title(Metric metric)
    {
        return switch (metric)
        {
            case THROUGHPUT -> "Requests per second (higher is better)";
            case CPU_PER_10K -> "Server CPU per request, µs (lower is better)";
            case P99 -> "p99 latency, ms (lower is better)";
            default -> metric.label();
        };
    }

    /** @return the median as the table shows it: CPU per request in µs (the unit), the rest as elsewhere */
    static String format(Metric metric, double value)
    {
        if (metric == Metric.CPU_PER_10K)
            return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.1f", value * 100);
        return MarkdownReport.number(metric, value);
    }
}
