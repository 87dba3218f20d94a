package io.lyger.warm.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the warm-up did in one web application. Each web application loads its own copy of this class, so the
 * static {@link #published} is per deployment; the server reads it through the web application's class loader with
 * {@link #asMap()}, which returns JDK types only.
 */
public final class WarmupReport
{
    private static volatile WarmupReport published;

    /** Beans instantiated (application scope, singletons, other active normal scopes). */
    int created;
    /** Client proxies generated, for every normal-scoped bean. */
    int proxies;
    /** Normal-scoped beans left to be created in their context (request, session, conversation scopes). */
    int lazy;
    /** Injection points resolved. */
    int injectionPoints;
    /** "bean: reason" for each bean that could not be created or resolved eagerly. */
    final List<String> failures = new ArrayList<>();
    /** One line per persistence unit deployed. */
    final List<String> units = new ArrayList<>();
    /** Event types (with qualifiers) whose observers were resolved before ready. */
    int observedEvents;
    /** Observer methods those event types resolved to. */
    int observersResolved;
    /** "event: reason" for each observed event type the container would not resolve ahead. */
    final List<String> eventsLeft = new ArrayList<>();
    /** Why observer resolution was not primed at all, or null. */
    String observerNotPrimed;
    long millis;

    static void publish(WarmupReport report)
    {
        published = report;
    }

    /** @return the last report published in this web application, as JDK types; null if the warm-up has not run */
    public static Map<String, Object> asMap()
    {
        WarmupReport report = published;
        if (report == null)
            return null;
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("created", report.created);
        map.put("proxies", report.proxies);
        map.put("lazy", report.lazy);
        map.put("injectionPoints", report.injectionPoints);
        map.put("failures", List.copyOf(report.failures));
        map.put("units", List.copyOf(report.units));
        map.put("observedEvents", report.observedEvents);
        map.put("observersResolved", report.observersResolved);
        map.put("eventsLeft", List.copyOf(report.eventsLeft));
        map.put("observerNotPrimed", report.observerNotPrimed == null ? "" : report.observerNotPrimed);
        map.put("millis", report.millis);
        return map;
    }

    static String oneLine(Throwable failure)
    {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root)
            root = root.getCause();
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("").trim();
        if (message.length() > 240)
            message = message.substring(0, 240) + "...";
        return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
