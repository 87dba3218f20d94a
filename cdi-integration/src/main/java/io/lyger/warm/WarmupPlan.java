package io.lyger.warm;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jetty.ee11.servlet.ServletHandler;
import org.eclipse.jetty.ee11.servlet.ServletMapping;
import org.eclipse.jetty.ee11.webapp.WebAppContext;

/**
 * Which requests the JIT warm-up replays in a web application: only what the application declared safe to replay,
 * plus requests that reach no application code ({@link ContainerOnlyRequests}), plus what other
 * {@link WarmupSource}s give. With nothing declared, no application servlet is called: a GET may have side effects
 * whatever HTTP says (a logout, a call to another service), so replaying one is the application's decision.
 * <p>
 * A web application declares its requests in {@code WEB-INF/lyger-warmup.properties}:
 * <pre>
 * request.1=GET /queries?n=20            # METHOD /path?query, relative to the context path; sent by number order
 * request.1.weight=3                     # sent 3 times per pass (default 1)
 * request.1.header.Accept=application/json
 * request.2=POST /echo
 * request.2.body={"a":1}
 * request.2.content-type=application/json
 * servlet-gets=true                      # also GET every exact servlet mapping (default false)
 * exclude=/updates,/slow                 # paths servlet-gets leaves out
 * container-requests=false               # no static resources, welcome file, 404 (default true)
 * </pre>
 * Any other key is an error naming the file. {@code defaults} is the older name of {@code servlet-gets}.
 */
public final class WarmupPlan
{
    public static final String DESCRIPTOR = "/WEB-INF/lyger-warmup.properties";
    static final int MAX_WEIGHT = 100;

    private static final Pattern REQUEST_KEY = Pattern.compile("request\\.(\\d+)(?:\\.(body|content-type|weight|header\\.(.+)))?");
    private static final Set<String> PLAN_KEYS = Set.of("servlet-gets", "defaults", "exclude", "container-requests");
    /** An HTTP token (RFC 9110 5.6.2): what a declared header name may be. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private WarmupPlan()
    {
    }

    /** @return the requests to replay for a started web application, with its context path prepended */
    public static List<WarmupRequest> of(WebAppContext webApp, List<WarmupSource> sources) throws IOException
    {
        Properties descriptor = descriptor(webApp.getServletContext());
        Set<WarmupRequest> requests = new LinkedHashSet<>(plan(webApp.getContextPath(), mappings(webApp), descriptor));
        if (flag(descriptor, "container-requests", true))
            requests.addAll(ContainerOnlyRequests.of(webApp));
        for (WarmupSource source : sources)
            requests.addAll(source.requests(webApp));
        return List.copyOf(requests);
    }

    /** @return the web application's descriptor, empty when it has none */
    static Properties descriptor(jakarta.servlet.ServletContext context) throws IOException
    {
        Properties descriptor = new Properties();
        try (InputStream in = context.getResourceAsStream(DESCRIPTOR))
        {
            if (in != null)
                descriptor.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return descriptor;
    }

    /**
     * Checks a web application's descriptor as it starts (a {@code ServletContextListener} the server adds): an
     * invalid one fails the deployment with the file and key named, rather than a warm-up that quietly does less.
     */
    static final class Check implements jakarta.servlet.ServletContextListener
    {
        @Override
        public void contextInitialized(jakarta.servlet.ServletContextEvent event)
        {
            try
            {
                plan(event.getServletContext().getContextPath(), List.of(), descriptor(event.getServletContext()));
            }
            catch (IOException x)
            {
                throw new IllegalArgumentException(DESCRIPTOR.substring(1) + ": cannot read it: " + x.getMessage(), x);
            }
        }
    }

    private static List<String> mappings(WebAppContext webApp)
    {
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
        return mappings;
    }

    /** The declared plan from servlet mappings and a descriptor (empty when the WAR has none). */
    static List<WarmupRequest> plan(String contextPath, List<String> mappings, Properties descriptor)
    {
        String base = contextPath == null || contextPath.equals("/") ? "" : contextPath;
        Map<Integer, String> declared = new TreeMap<>();
        for (String key : descriptor.stringPropertyNames())
        {
            Matcher matcher = REQUEST_KEY.matcher(key);
            if (matcher.matches())
            {
                int number = Integer.parseInt(matcher.group(1));
                if (matcher.group(2) == null)
                    declared.put(number, key);
                else if (descriptor.getProperty("request." + number) == null)
                    throw invalid(key, "there is no request." + number);
            }
            else if (!PLAN_KEYS.contains(key))
                throw invalid(key, "unknown key (request.N[.body|.content-type|.weight|.header.NAME], servlet-gets, exclude, container-requests)");
        }
        if (descriptor.getProperty("servlet-gets") != null && descriptor.getProperty("defaults") != null)
            throw invalid("defaults", "give servlet-gets only (defaults is its older name)");
        Set<WarmupRequest> requests = new LinkedHashSet<>();
        if (flag(descriptor, "servlet-gets", flag(descriptor, "defaults", false)))
        {
            Set<String> excluded = new HashSet<>();
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
        for (Map.Entry<Integer, String> entry : declared.entrySet())
            requests.add(declared(descriptor, entry.getValue(), base));
        return List.copyOf(requests);
    }

    private static WarmupRequest declared(Properties descriptor, String key, String base)
    {
        String value = descriptor.getProperty(key).trim();
        int space = value.indexOf(' ');
        if (space < 0)
            throw invalid(key, "must be 'METHOD /path', got '" + value + "'");
        String method = value.substring(0, space).trim();
        String path = value.substring(space + 1).trim();
        if (!TOKEN.matcher(method).matches())
            throw invalid(key, "not an HTTP method: '" + method + "'");
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c >= 0x7f))
            throw invalid(key, "the path must start with / and hold no spaces or control characters, got '" + path + "'");
        Map<String, String> headers = new LinkedHashMap<>();
        String prefix = key + ".header.";
        for (String name : new TreeMap<>(descriptor).keySet().stream().map(String::valueOf).filter(k -> k.startsWith(prefix)).toList())
        {
            String header = name.substring(prefix.length());
            String headerValue = descriptor.getProperty(name).trim();
            if (!TOKEN.matcher(header).matches() || headerValue.chars().anyMatch(c -> c == '\r' || c == '\n'))
                throw invalid(name, "not a valid header");
            String lower = header.toLowerCase(java.util.Locale.ROOT);
            if (lower.equals("host") || lower.equals("content-length") || lower.equals("transfer-encoding") || lower.equals(JitWarmup.HEADER.toLowerCase(java.util.Locale.ROOT)))
                throw invalid(name, "the warm-up sets " + header + " itself");
            headers.put(header, headerValue);
        }
        int weight;
        try
        {
            weight = Integer.parseInt(descriptor.getProperty(key + ".weight", "1").trim());
        }
        catch (NumberFormatException x)
        {
            weight = -1;
        }
        if (weight < 1 || weight > MAX_WEIGHT)
            throw invalid(key + ".weight", "must be a whole number from 1 to " + MAX_WEIGHT);
        return new WarmupRequest(method, base + path, descriptor.getProperty(key + ".body", ""), descriptor.getProperty(key + ".content-type"),
            headers, weight);
    }

    private static boolean flag(Properties descriptor, String key, boolean otherwise)
    {
        String value = descriptor.getProperty(key);
        if (value == null)
            return otherwise;
        return switch (value.trim())
        {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, "must be true or false, got '" + value.trim() + "'");
        };
    }

    private static IllegalArgumentException invalid(String key, String why)
    {
        return new IllegalArgumentException(DESCRIPTOR.substring(1) + ": " + key + ": " + why);
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
