package io.lyger.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The "Spring Boot" section of bench/RESULTS.md, from {@link SpringBench}'s launches. */
final class SpringReport
{
    static final String HEADING = "## Spring Boot";

    private SpringReport()
    {
    }

    /** One figure of a launch, how to read it, and whether higher is better. */
    private record Figure(String name, ToDoubleFunction<SpringBench.Launch> of, String format, boolean higherIsBetter)
    {
    }

    static String render(MachineInfo machine, Instant started, Duration elapsed, int rounds, int seconds, int warmup, List<SpringBench.Variant> variants,
                         Map<String, List<SpringBench.Launch>> launches)
    {
        List<Figure> figures = List.of(
            new Figure("/json req/s", l -> l.loads().get("json").requestsPerSecond(), "%.0f", true),
            new Figure("/json p99 (ms)", l -> l.loads().get("json").p99Ms(), "%.2f", false),
            new Figure("/json CPU per request (µs)", l -> l.loads().get("json").cpuMicrosPerRequest(), "%.1f", false),
            new Figure("/db req/s", l -> l.loads().get("db").requestsPerSecond(), "%.0f", true),
            new Figure("/db p99 (ms)", l -> l.loads().get("db").p99Ms(), "%.2f", false),
            new Figure("/db CPU per request (µs)", l -> l.loads().get("db").cpuMicrosPerRequest(), "%.1f", false),
            new Figure("launch to ready (ms)", SpringBench.Launch::launchToReadyMs, "%.0f", false),
            new Figure("first /db after ready (ms)", SpringBench.Launch::firstDbMs, "%.2f", false),
            new Figure("steady /db, one request on a new connection (ms)", SpringBench.Launch::steadyDbMs, "%.2f", false),
            new Figure("first /db ÷ steady /db", l -> l.firstDbMs() / l.steadyDbMs(), "%.1f×", false));
        StringBuilder md = new StringBuilder();
        md.append(HEADING).append(" (issue 16: `bench/spring/run`)\n\n");
        md.append(String.format(Locale.ROOT, "Measured %s, commit %s, %d CPUs (%s), %s, server JDK: %s; wrk: %s. %d alternating rounds "
                + "(each round starts each variant's executable jar afresh, in the order of the table), %d s wrk runs at %d connections after %d s "
                + "of unmeasured load each; %.0f min in all. **Medians**; a ratio is the median of the per-round ratios. "
                + "The machine is shared and loaded (other builds run on its cores; \"others\" below is the CPU the rest of the "
                + "machine took during the measured runs): read these as one run's figures, not as settled ones.\n\n",
            started, machine.commit(), machine.cpus(), machine.cpuModel(), machine.memory(), machine.serverJdk(), machine.wrkVersion(),
            rounds, seconds, SpringBench.CONNECTIONS, warmup, elapsed.toSeconds() / 60.0));
        md.append("The same application (spring-boot-sample/: Spring MVC, Spring Data JPA on H2, Thymeleaf, validation, Actuator), "
            + "the same JVM flags (`").append(String.join(" ", SpringBench.JVM_FLAGS)).append("`), built three ways:\n\n");
        for (SpringBench.Variant variant : variants)
            md.append("- `").append(variant.id()).append("`: ").append(variant.title()).append("\n");
        md.append("\n| figure |");
        for (SpringBench.Variant variant : variants)
            md.append(' ').append(variant.id()).append(" |");
        md.append(" lyger ÷ tomcat | lyger ÷ jetty |\n|---|");
        md.append("---|".repeat(variants.size() + 2)).append('\n');
        List<SpringBench.Launch> lyger = launches.get("lyger");
        for (Figure figure : figures)
        {
            md.append("| ").append(figure.name()).append(" |");
            for (SpringBench.Variant variant : variants)
                md.append(' ').append(format(figure.format(), median(launches.get(variant.id()), figure.of()))).append(" |");
            md.append(' ').append(format("%.2f×", pairedRatio(lyger, launches.get("tomcat"), figure.of()))).append(" |");
            md.append(' ').append(format("%.2f×", pairedRatio(lyger, launches.get("jetty"), figure.of()))).append(" |\n");
        }
        md.append("| others (cores, max of a launch's runs) |");
        for (SpringBench.Variant variant : variants)
            md.append(' ').append(format("%.2f", median(launches.get(variant.id()), SpringBench.Launch::backgroundCores))).append(" |");
        md.append(" | |\n");
        long errors = launches.values().stream().flatMap(List::stream).flatMap(l -> l.loads().values().stream()).mapToLong(SpringBench.Load::errors).sum();
        md.append("\nwrk errors over every run: ").append(errors).append(". ");
        md.append("Launch to ready is from the process start to the first 200 of `/actuator/health/readiness`: Lyger's includes its "
            + "warm-up (the sample's `lyger.warmup.paths`, until latency stops improving, within `lyger.warmup.budget`, 10 s by "
            + "default); the first `/db` after ready is what that buys. Tomcat's and Jetty's readiness follows their start. "
            + "Raw wrk output and each launch's log: `bench/target/spring/`.\n");
        return md.toString();
    }

    private static double median(List<SpringBench.Launch> launches, ToDoubleFunction<SpringBench.Launch> of)
    {
        return Stats.median(launches.stream().map(of::applyAsDouble).toList());
    }

    private static double pairedRatio(List<SpringBench.Launch> a, List<SpringBench.Launch> b, ToDoubleFunction<SpringBench.Launch> of)
    {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++)
        {
            double denominator = of.applyAsDouble(b.get(i));
            if (denominator != 0 && !Double.isNaN(denominator))
                ratios.add(of.applyAsDouble(a.get(i)) / denominator);
        }
        return Stats.median(ratios);
    }

    private static String format(String format, double value)
    {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }

    /** Puts {@code section} in place of the Spring Boot section of {@code results} (appended when it has none). */
    static void replaceSection(Path results, String section) throws IOException
    {
        String text = Files.exists(results) ? Files.readString(results, StandardCharsets.UTF_8) : "";
        String kept = keptSection(text);
        String rest = kept.isEmpty() ? text : text.replace(kept, "");
        Files.writeString(results, rest.stripTrailing() + "\n\n" + section, StandardCharsets.UTF_8);
    }

    /**
     * @return the Spring Boot section of a RESULTS.md (up to the next "## " heading or the end), empty when none: the
     * full bench run rewrites RESULTS.md and keeps it, since bench/spring/run measures it
     */
    static String keptSection(String results)
    {
        return ResultsSections.section(results, HEADING);
    }
}
