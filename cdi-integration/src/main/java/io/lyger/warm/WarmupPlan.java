package io.lyger.warm;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.jetty.ee11.servlet.ServletHandler;
import org.eclipse.jetty.ee11.servlet.ServletMapping;
import org.eclipse.jetty.ee11.webapp.WebAppContext;

/**
 * Which requests the JIT warm-up replays in a web application.
 * <p>
 * By default a GET on every servlet mapping that is an exact path (no wildcard, no extension mapping, not the default
 * servlet {@code /}), plus the context root when a servlet maps it. GET is safe by HTTP's definition; a servlet that
 * writes on GET can be left out with {@code exclude}.
 * <p>
 * A web application declares its own in {@code WEB-INF/lyger-warmup.properties}:
 * <pre>
 * defaults=false                  # keep the default GETs (true, the default) or not
 * exclude=/updates,/slow          # paths (without query) the defaults leave out
 * request.1=GET /queries?n=20     # replayed as given; ordered by the number
 * request.2=POST /echo            # a non-GET request is replayed only when declared
 * request.2.body={"a":1}
 * request.2.content-type=application/json
 * </pre>
 * Paths are relative to the web application's context path.
 */
public final class WarmupPlan
{
    public static final String DESCRIPTOR = "/WEB-INF/lyger-warmup.properties";

    private WarmupPlan()
    {
    }

    /** @return the requests to replay for a started web application, with its context path prepended */
    public static List<WarmupRequest> of(WebAppContext webApp) throws IOException
    {
        Properties descriptor = new Properties();
        try (InputStream in = webApp.getServletContext().getResourceAsStream(DESCRIPTOR))
        {
            if (in != null)
                descriptor.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        List<String> mappings = new ArrayList<>();
        ServletHandler servletHandler = webApp.getServletHandler();
        if (servletHandler != null && servletHandler.getServletMappings() != null)
        {
            for (ServletMapping mapping : servletHandler.getServletMappings())
            {
                if (mapping.getPathSpecs() != null)
                    mappings.addAll(List.of(mapping.getPathSpecs()));
            }
        }
        return plan(webApp.getContextPath(), mappings, descriptor);
    }

    /** The plan from servlet mappings and a descriptor (empty when the WAR has none). */
    static List<WarmupRequest> plan(String contextPath, List<String> mappings, Properties descriptor)
    {
        String base = contextPath == null || contextPath.equals("/") ? "" : contextPath;
        Set<WarmupRequest> requests = new LinkedHashSet<>();
        if (Boolean.parseBoolean(descriptor.getProperty("defaults", "true").trim()))
        {
            Set<String> excluded = new java.util.HashSet<>();
            for (String path : descriptor.getProperty("exclude", "").split(","))
            {
                if (!path.isBlank())
                    excluded.add(path.trim());
            }
            for (String spec : mappings)
            {
                String path = exactPath(spec);
                if (path != null && !excluded.contains(path))
                    requests.add(WarmupRequest.get(base + path));
            }
        }
        Map<Integer, String> declared = new TreeMap<>();
        for (String key : descriptor.stringPropertyNames())
        {
            if (key.matches("request\\.\\d+"))
                declared.put(Integer.parseInt(key.substring("request.".length())), key);
        }
        for (String key : declared.values())
        {
            String value = descriptor.getProperty(key).trim();
            int space = value.indexOf(' ');
            if (space < 0)
                throw new IllegalArgumentException(DESCRIPTOR + ": " + key + " must be 'METHOD /path', got '" + value + "'");
            String method = value.substring(0, space).trim();
            String path = value.substring(space + 1).trim();
            if (!path.startsWith("/"))
                throw new IllegalArgumentException(DESCRIPTOR + ": " + key + ": the path must start with /, got '" + path + "'");
            requests.add(new WarmupRequest(method, base + path, descriptor.getProperty(key + ".body", ""),
                descriptor.getProperty(key + ".content-type")));
        }
        return List.copyOf(requests);
    }

    /** @return the path a servlet mapping matches exactly, or null when it is a pattern */
    static String exactPath(String spec)
    {
        if (spec == null)
            return null;
        if (spec.isEmpty())
            return "/"; // the context root
        if (!spec.startsWith("/") || spec.equals("/") || spec.contains("*") || spec.contains("{") || spec.startsWith("^"))
            return null;
        return spec;
    }
}
