package io.lyger.connector.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.jetty.server.HttpConfiguration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Differential fuzzing (issue 14): the same generated inputs ({@link RequestMutator}) through the engine's parser
 * ({@link EngineParse}) and Jetty's ({@link JettyParse}), both in-process; each message's accept/reject and where an
 * accepted one ends must agree, except for the {@link KnownDifferences}. A short seeded run here (in {@code mvn verify});
 * {@code native-connector/fuzz/differential.sh SEED COUNT} runs a long one through the system properties
 * {@code lyger.fuzz.seed} and {@code lyger.fuzz.count}.
 */
class DifferentialFuzzTest
{
    private static final long SEED = Long.getLong("lyger.fuzz.seed", 14L);
    private static final int COUNT = Integer.getInteger("lyger.fuzz.count", 20_000);
    /** Disagreements printed before failing. */
    private static final int SHOWN = 5;

    @Test
    void engineParsesAsJettyDoes()
    {
        HttpConfiguration configuration = new HttpConfiguration();
        EngineParse engine = new EngineParse(configuration.getRequestHeaderSize());
        JettyParse jetty = new JettyParse(configuration);
        RequestMutator inputs = new RequestMutator(SEED);
        Map<String, Integer> known = new TreeMap<>();
        List<String> unknown = new ArrayList<>();
        int accepted = 0;
        int rejected = 0;
        int run = 0;
        for (; run < COUNT && unknown.size() < SHOWN; run++)
        {
            byte[] input = inputs.next();
            List<Verdict> e = engine.parse(input);
            List<Verdict> j = jetty.parse(input);
            accepted += e.stream().anyMatch(v -> v.kind() == Verdict.Kind.ACCEPTED) ? 1 : 0;
            rejected += e.stream().anyMatch(v -> v.kind() == Verdict.Kind.REJECTED) ? 1 : 0;
            KnownDifferences.Disagreement d = firstDisagreement(input, e, j, engine, jetty);
            if (d == null)
                continue;
            KnownDifferences.Known k = KnownDifferences.match(d);
            if (k != null)
                known.merge(k.id(), 1, Integer::sum);
            else
                unknown.add(describe(run, d, e, j));
        }
        System.out.printf("differential fuzzing, seed %d, %d inputs: %d with an accepted message, %d with a rejected one; known differences %s%n",
            SEED, run, accepted, rejected, known);
        if (!unknown.isEmpty())
            fail(unknown.size() + " disagreement(s) between the engine and Jetty's HttpParser not in KnownDifferences:\n" + String.join("\n", unknown));
        // the generator must reach both sides: a probe that refused (or accepted) everything would agree with nothing
        assertTrue(accepted > run / 10 && rejected > run / 10, "accepted " + accepted + ", rejected " + rejected + " of " + run);
    }

    private static KnownDifferences.Disagreement firstDisagreement(byte[] input, List<Verdict> engine, List<Verdict> jetty, EngineParse engineParse, JettyParse jettyParse)
    {
        for (int i = 0; i < Math.max(engine.size(), jetty.size()); i++)
        {
            Verdict e = i < engine.size() ? engine.get(i) : null;
            Verdict j = i < jetty.size() ? jetty.get(i) : null;
            if (e == null || j == null || !e.agrees(j))
                return new KnownDifferences.Disagreement(input, i, i == 0 ? 0 : engine.get(i - 1).end(), e, j, engineParse, jettyParse);
        }
        return null;
    }

    private static String describe(int n, KnownDifferences.Disagreement d, List<Verdict> engine, List<Verdict> jetty)
    {
        return "input #" + n + " (seed " + SEED + "), message " + d.index() + ": engine " + d.engine() + ", Jetty " + d.jetty() +
            "\n  engine " + engine + "\n  Jetty  " + jetty + "\n  input \"" + escape(d.input()) + "\"";
    }

    /** The input as a Java string literal's content: printable ASCII as is, the rest escaped. */
    static String escape(byte[] input)
    {
        StringBuilder s = new StringBuilder();
        for (byte b : input)
        {
            int c = b & 0xff;
            switch (c)
            {
                case '\r' -> s.append("\\r");
                case '\n' -> s.append("\\n");
                case '\t' -> s.append("\\t");
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> s.append(c >= 0x20 && c < 0x7f ? String.valueOf((char)c) : String.format("\\u%04x", c));
            }
        }
        return s.toString();
    }
}
