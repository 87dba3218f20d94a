package io.lyger.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * Draws bench/results.png with Java2D (headless): three grouped bar charts, requests/s, CPU per request and p99
 * latency per scenario, every target side by side, on log scales (throughputs span three decades across scenarios).
 * Under each group: lyger-native's ratio against the best peer of that figure (issue 17), or against lyger-jetty when
 * no peer ran.
 */
public final class ResultsChart
{
    /** One colour per target, in {@link Side}'s order. */
    static final Map<Side, Color> COLORS = Map.of(
        Side.NATIVE, new Color(0xE0, 0x6C, 0x00),
        Side.JETTY, new Color(0x2B, 0x6C, 0xB0),
        Side.BARE_JETTY, new Color(0x7F, 0xA7, 0xD6),
        Side.TOMCAT, new Color(0x3A, 0x8F, 0x3A),
        Side.UNDERTOW, new Color(0x8E, 0x5B, 0xA8));
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    private static final Color TEXT = new Color(0x22, 0x22, 0x22);
    private static final int WIDTH = 1600;
    private static final int PANEL_HEIGHT = 430;
    private static final int TOP = 105;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int LABELS = 120;

    private ResultsChart()
    {
    }

    public static void write(BenchRun run, Path png) throws IOException
    {
        System.setProperty("java.awt.headless", "true");
        List<ScenarioResult> results = run.results().stream().filter(ScenarioResult::ran).toList();
        int height = TOP + 3 * (PANEL_HEIGHT + LABELS) + 20;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try
        {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);

            g.setColor(TEXT);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
            g.drawString("Lyger native vs Jetty's ServerConnector and the peers (medians)", LEFT, 32);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            g.drawString(run.machine().cpus() + " CPUs, " + run.machine().serverJdk().replaceAll(" \\(.*", "") + ", "
                + run.options().pairs() + " round(s) of " + run.options().seconds() + " s runs, wrk on loopback, commit "
                + run.machine().commit() + String.format(Locale.ROOT, ", background load %.2f cores (median)",
                run.medianBackgroundCores()) + ", --app=" + run.options().app().option() + " --peer-app="
                + run.options().peerApp().option(), LEFT, 54);
            List<String> warnings = new java.util.ArrayList<>();
            if (!run.comparable())
                warnings.add("NATIVE ENGINE DID NOT SERVE: both sides are Jetty's ServerConnector, ratios not meaningful");
            else if (run.options().smoke())
                warnings.add("SMOKE RUN: not a measurement");
            else if (run.options().partial())
                warnings.add("PRELIMINARY / PARTIAL RUN");
            if (run.noisy())
                warnings.add("MACHINE BUSY WITH OTHER WORK: noisy");
            if (!warnings.isEmpty())
            {
                g.setColor(Color.RED.darker());
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
                g.drawString(String.join("  ·  ", warnings), LEFT, 74);
            }
            legend(g, run.targets());

            String against = Side.peers(run.targets()).isEmpty() ? "ratio: lyger-native / lyger-jetty"
                : "ratio: lyger-native / best peer";
            panel(g, run.targets(), results, Metric.THROUGHPUT, 1, "Requests per second (log scale, higher is better; "
                + against + ")", TOP);
            panel(g, run.targets(), results, Metric.CPU_PER_10K, 100, "Server CPU per request, µs (log scale, lower is better; "
                + against + ")", TOP + PANEL_HEIGHT + LABELS);
            panel(g, run.targets(), results, Metric.P99, 1, "p99 latency, ms (log scale, lower is better; " + against + ")",
                TOP + 2 * (PANEL_HEIGHT + LABELS));
        }
        finally
        {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private static void legend(Graphics2D g, List<Side> targets)
    {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        int x = LEFT;
        for (Side side : targets)
        {
            g.setColor(COLORS.get(side));
            g.fillRect(x, 84, 14, 14);
            g.setColor(TEXT);
            g.drawString(side.option() + " (" + side.label() + ")", x + 19, 96);
            x += 19 + g.getFontMetrics().stringWidth(side.option() + " (" + side.label() + ")") + 30;
        }
    }

    /** @param scale multiplies every median (100 turns CPU seconds per 10k requests into µs per request) */
    private static void panel(Graphics2D g, List<Side> targets, List<ScenarioResult> results, Metric metric, double scale,
                              String title, int top)
    {
        int plotTop = top + 40;
        int plotBottom = top + PANEL_HEIGHT - 10;
        int plotLeft = LEFT;
        int plotRight = WIDTH - RIGHT;
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, plotLeft, top + 25);
        if (results.isEmpty())
        {
            g.drawString("no scenario ran", plotLeft + 20, (plotTop + plotBottom) / 2);
            return;
        }

        double min = Double.MAX_VALUE;
        double max = 0;
        for (ScenarioResult r : results)
            for (Side side : targets)
            {
                double v = r.median(side, metric) * scale;
                if (v > 0 && !Double.isNaN(v))
                {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        if (max <= 0)
        {
            min = 1;
            max = 10;
        }
        // half the smallest value above the axis' bottom, so that the smallest bar still shows
        double lo = Math.pow(10, Math.floor(Math.log10(min / 2)));
        double hi = Math.pow(10, Math.ceil(Math.log10(max * 1.3)));
        if (hi <= lo)
            hi = lo * 10;
        double logLo = Math.log10(lo);
        double logHi = Math.log10(hi);

        // grid: 1, 2, 5 per decade
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (double decade = lo; decade < hi * 1.01; decade *= 10)
            for (int step : new int[] {1, 2, 5})
            {
                double v = decade * step;
                if (v > hi * 1.0001)
                    break;
                int y = y(v, logLo, logHi, plotTop, plotBottom);
                g.setColor(step == 1 ? GRID.darker() : GRID);
                g.setStroke(new BasicStroke(1f));
                g.drawLine(plotLeft, y, plotRight, y);
                g.setColor(TEXT);
                String label = compact(v);
                g.drawString(label, plotLeft - 8 - fm.stringWidth(label), y + 4);
            }
        g.setColor(TEXT);
        g.drawLine(plotLeft, plotBottom, plotRight, plotBottom);
        g.drawLine(plotLeft, plotTop, plotLeft, plotBottom);

        double groupWidth = (plotRight - plotLeft) / (double)results.size();
        int barWidth = (int)Math.max(3, Math.min(40, groupWidth * 0.8 / targets.size()));
        Font valueFont = new Font(Font.SANS_SERIF, Font.PLAIN, barWidth >= 30 ? 11 : 9);
        for (int i = 0; i < results.size(); i++)
        {
            ScenarioResult r = results.get(i);
            int center = (int)(plotLeft + groupWidth * (i + 0.5));
            int k = 0;
            int left = center - (targets.size() * (barWidth + 2)) / 2;
            for (Side side : targets)
            {
                double v = r.median(side, metric) * scale;
                int x = left + k * (barWidth + 2);
                k++;
                if (Double.isNaN(v) || v <= 0)
                    continue;
                int y = y(Math.max(v, lo), logLo, logHi, plotTop, plotBottom);
                g.setColor(COLORS.get(side));
                g.fillRect(x, y, barWidth, plotBottom - y);
                g.setColor(TEXT);
                g.setFont(valueFont);
                String label = compact(v);
                AffineTransform upright = g.getTransform();
                g.translate(x + barWidth / 2 + 4, y - 3);
                g.rotate(Math.toRadians(-90));
                g.drawString(label, 0, 0);
                g.setTransform(upright);
            }
            if (targets.stream().allMatch(side -> Double.isNaN(r.median(side, metric))))
            {
                g.setColor(Color.GRAY);
                g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 11));
                String none = r.scenario().load() == Scenario.Load.PIPELINE ? "n/a (pipelined)" : "n/a";
                g.drawString(none, center - g.getFontMetrics().stringWidth(none) / 2, plotBottom - 8);
                g.setColor(TEXT);
            }
            // ratio under the bars' value labels, and the scenario name rotated below the axis
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
            String ratio = Side.peers(targets).isEmpty() ? MarkdownReport.ratio(r.ratio(metric))
                : MarkdownReport.ratio(r.peerRatio(metric));
            g.drawString(ratio, center - g.getFontMetrics().stringWidth(ratio) / 2, plotBottom + 14);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            AffineTransform saved = g.getTransform();
            g.translate(center + 2, plotBottom + 26);
            g.rotate(Math.toRadians(35));
            g.drawString(r.scenario().id(), 0, 0);
            g.setTransform(saved);
        }
    }

    private static int y(double v, double logLo, double logHi, int top, int bottom)
    {
        double f = (Math.log10(v) - logLo) / (logHi - logLo);
        return (int)Math.round(bottom - f * (bottom - top));
    }

    /** @return 51234 as "51.2k", 0.734 as "0.73" */
    static String compact(double v)
    {
        if (v >= 1e6)
            return String.format(Locale.ROOT, v >= 1e7 ? "%.0fM" : "%.1fM", v / 1e6);
        if (v >= 1e3)
            return String.format(Locale.ROOT, v >= 1e4 ? "%.0fk" : "%.1fk", v / 1e3);
        if (v >= 10)
            return String.format(Locale.ROOT, "%.0f", v);
        if (v >= 1)
            return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
