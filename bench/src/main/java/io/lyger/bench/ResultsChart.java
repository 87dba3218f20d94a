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

import javax.imageio.ImageIO;

/**
 * Draws bench/results.png with Java2D (headless): two grouped bar charts, requests/s and p99 latency per scenario,
 * native and Jetty side by side, on log scales (throughputs span three decades across scenarios).
 */
public final class ResultsChart
{
    static final Color NATIVE = new Color(0xE0, 0x6C, 0x00);
    static final Color JETTY = new Color(0x2B, 0x6C, 0xB0);
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    private static final Color TEXT = new Color(0x22, 0x22, 0x22);
    private static final int WIDTH = 1600;
    private static final int PANEL_HEIGHT = 430;
    private static final int TOP = 80;
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
        int height = TOP + 2 * (PANEL_HEIGHT + LABELS) + 20;
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
            g.drawString("Lyger native connector vs Jetty ServerConnector (medians)", LEFT, 32);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            g.drawString(run.machine().cpus() + " CPUs, " + run.machine().serverJdk().replaceAll(" \\(.*", "") + ", "
                + run.options().pairs() + " pair(s) of " + run.options().seconds() + " s runs, wrk on loopback, commit "
                + run.machine().commit() + String.format(Locale.ROOT, ", background load %.2f cores (median)",
                run.medianBackgroundCores()), LEFT, 54);
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
            legend(g);

            panel(g, results, Metric.THROUGHPUT, "Requests per second (log scale, higher is better)", TOP);
            panel(g, results, Metric.P99, "p99 latency, ms (log scale, lower is better)", TOP + PANEL_HEIGHT + LABELS);
        }
        finally
        {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private static void legend(Graphics2D g)
    {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        int x = WIDTH - RIGHT - 400;
        g.setColor(NATIVE);
        g.fillRect(x, 20, 16, 16);
        g.setColor(TEXT);
        g.drawString("native (Lyger engine)", x + 22, 34);
        g.setColor(JETTY);
        g.fillRect(x + 180, 20, 16, 16);
        g.setColor(TEXT);
        g.drawString("Jetty ServerConnector", x + 202, 34);
    }

    private static void panel(Graphics2D g, List<ScenarioResult> results, Metric metric, String title, int top)
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
            for (Side side : Side.values())
            {
                double v = r.median(side, metric);
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
        double lo = Math.pow(10, Math.floor(Math.log10(min)));
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
        int barWidth = (int)Math.max(4, Math.min(40, groupWidth * 0.36));
        Font valueFont = new Font(Font.SANS_SERIF, Font.PLAIN, barWidth >= 30 ? 11 : 9);
        for (int i = 0; i < results.size(); i++)
        {
            ScenarioResult r = results.get(i);
            int center = (int)(plotLeft + groupWidth * (i + 0.5));
            int k = 0;
            for (Side side : Side.values())
            {
                double v = r.median(side, metric);
                int x = center - barWidth - 1 + k * (barWidth + 2);
                k++;
                if (Double.isNaN(v) || v <= 0)
                    continue;
                int y = y(Math.max(v, lo), logLo, logHi, plotTop, plotBottom);
                g.setColor(side == Side.NATIVE ? NATIVE : JETTY);
                g.fillRect(x, y, barWidth, plotBottom - y);
                g.setColor(TEXT);
                g.setFont(valueFont);
                String label = compact(v);
                FontMetrics vm = g.getFontMetrics();
                g.drawString(label, x + (barWidth - vm.stringWidth(label)) / 2, y - 3);
            }
            if (Double.isNaN(r.median(Side.NATIVE, metric)) && Double.isNaN(r.median(Side.JETTY, metric)))
            {
                g.setColor(Color.GRAY);
                g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 11));
                String none = r.scenario().load() == Scenario.Load.PIPELINE ? "n/a (pipelined)" : "n/a";
                g.drawString(none, center - g.getFontMetrics().stringWidth(none) / 2, plotBottom - 8);
                g.setColor(TEXT);
            }
            // ratio under the bars' value labels, and the scenario name rotated below the axis
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
            String ratio = MarkdownReport.ratio(r.ratio(metric));
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
