package io.lyger.warm;

import java.util.List;
import java.util.Map;

import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the agent's warm-up did in a started web application (its {@code io.lyger.warm.agent.WarmupReport},
 * loaded through the web application's class loader: JDK types only cross the boundary) and logs it: one line when
 * all went well, one block listing each bean that could not be created eagerly and why.
 */
final class CdiReport
{
    private static final Logger LOG = LoggerFactory.getLogger(CdiReport.class);
    private static final String REPORT_CLASS = "io.lyger.warm.agent.WarmupReport";

    private CdiReport()
    {
    }

    /** @return the report, or null when the web application has no CDI container (or the warm-up did not run) */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(WebAppContext webApp)
    {
        ClassLoader loader = webApp.getClassLoader();
        if (loader == null)
            return null;
        try
        {
            Class<?> report = Class.forName(REPORT_CLASS, true, loader);
            if (report.getClassLoader() != loader)
                return null; // the server's copy: the web application did not load the agent
            return (Map<String, Object>)report.getMethod("asMap").invoke(null);
        }
        catch (ClassNotFoundException | LinkageError x)
        {
            return null;
        }
        catch (ReflectiveOperationException x)
        {
            LOG.debug("cannot read the CDI warm-up report of {}", webApp, x);
            return null;
        }
    }

    private static String count(Map<String, Object> report, String key, String noun)
    {
        int n = ((Number)report.get(key)).intValue();
        if (noun.endsWith("prox"))
            return n + " " + noun + (n == 1 ? "y" : "ies");
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Logs the report of {@code webApp}, if it has one. @return the report or null */
    @SuppressWarnings("unchecked")
    static Map<String, Object> log(WebAppContext webApp)
    {
        Map<String, Object> report = read(webApp);
        String where = webApp.getContextPath();
        if (report == null)
        {
            LOG.debug("{}: no CDI container, no bean warm-up", where);
            return null;
        }
        List<String> failures = (List<String>)report.get("failures");
        List<String> units = (List<String>)report.get("units");
        String summary = where + ": CDI warm-up in " + report.get("millis") + " ms: " + count(report, "created", "bean") + " created, "
            + count(report, "proxies", "client prox") + ", " + count(report, "injectionPoints", "injection point") + " resolved, "
            + count(report, "lazy", "bean") + " left to their request/session context";
        if (report.get("observedEvents") instanceof Number events && events.intValue() > 0)
            summary += ", observers of " + count(report, "observedEvents", "event type") + " resolved (" + count(report, "observersResolved", "observer method") + ")";
        Object notPrimed = report.get("observerNotPrimed");
        if (notPrimed instanceof String reason && !reason.isEmpty())
            summary += ", " + reason;
        for (String unit : units)
            summary += System.lineSeparator() + "  " + unit;
        if (report.get("eventsLeft") instanceof List<?> left && !left.isEmpty())
            summary += System.lineSeparator() + "  observer resolution left to the first fire for: " + String.join("; ", (List<String>)left);
        if (failures.isEmpty())
        {
            LOG.info(summary);
            return report;
        }
        StringBuilder block = new StringBuilder(summary).append(System.lineSeparator())
            .append("  ").append(failures.size()).append(failures.size() == 1 ? " bean" : " beans")
            .append(" could not be created before ready (the deployment goes on; they are created on first use):");
        for (String failure : failures)
            block.append(System.lineSeparator()).append("    - ").append(failure);
        LOG.warn(block.toString());
        return report;
    }
}
