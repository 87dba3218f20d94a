package io.lyger.bench;

import java.util.Arrays;
import java.util.List;

/**
 * What a run of the harness measures: cleartext HTTP (issue 3 and the peers of issue 17), or HTTPS (issue 15: the
 * native engine's TLS against Jetty's own TLS). Each has its own targets, scenarios and subject/baseline pair; the
 * rounds, the measurement and the medians are the same code.
 */
public enum Suite
{
    HTTP,
    HTTPS;

    /** @return the target every ratio is taken for (always measured) */
    public Side subject()
    {
        return this == HTTP ? Side.NATIVE : Side.NATIVE_TLS;
    }

    /** @return the target the ratios are taken against: Jetty's connector (or Jetty's TLS) in the same server */
    public Side baseline()
    {
        return this == HTTP ? Side.JETTY : Side.JETTY_TLS;
    }

    /** @return every target of this suite, in round order */
    public List<Side> sides()
    {
        return Arrays.stream(Side.values()).filter(side -> side.suite() == this).toList();
    }

    /** @return the scenarios of a full run of this suite, in report order */
    public List<Scenario> scenarios()
    {
        return this == HTTP ? Scenarios.all() : Scenarios.https();
    }
}
