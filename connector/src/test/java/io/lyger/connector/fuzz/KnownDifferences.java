package io.lyger.connector.fuzz;

import java.util.List;
import java.util.function.Predicate;

/**
 * The disagreements between the engine and Jetty's parser that are known, each with its reason and the RFC clause that
 * allows the engine's answer. A disagreement is matched on the first message the two see differently; one that no
 * entry matches fails the differential fuzzing, so a new kind of disagreement is never hidden by these.
 */
final class KnownDifferences
{
    /**
     * @param id a short name, counted in the run's summary
     * @param reason why the engine answers differently, and the clause that allows it
     * @param matches whether a disagreement is of this kind
     */
    record Known(String id, String reason, Predicate<Disagreement> matches)
    {
    }

    /** The first message the engine and Jetty see differently. */
    record Disagreement(byte[] input, int index, Verdict engine, Verdict jetty)
    {
        boolean jettyRejects(String reasonPrefix)
        {
            return jetty != null && jetty.kind() == Verdict.Kind.REJECTED && jetty.reason() != null && jetty.reason().startsWith(reasonPrefix);
        }

        boolean engineAccepts()
        {
            return engine != null && engine.kind() == Verdict.Kind.ACCEPTED;
        }
    }

    static final List<Known> LIST = List.of();

    private KnownDifferences()
    {
    }

    static Known match(Disagreement d)
    {
        for (Known known : LIST)
        {
            if (known.matches().test(d))
                return known;
        }
        return null;
    }
}
