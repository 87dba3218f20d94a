package io.lyger.warm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import org.eclipse.jetty.ee11.servlet.ErrorHandler;
import org.eclipse.jetty.ee11.servlet.FilterMapping;
import org.eclipse.jetty.ee11.servlet.ServletHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.http.pathmap.ServletPathSpec;
import org.eclipse.jetty.util.resource.Resource;

/**
 * Warm-up requests that Jetty answers without calling application code: GETs of static files of the WAR served by
 * Jetty's own default servlet, of the context root when its welcome file is such a file, and of a path that does not
 * exist (a 404 from the default servlet). A path qualifies only when Jetty's {@code DefaultServlet} (or its 404
 * servlet) is the servlet it maps to and no filter of the application applies to it; the 404 also needs no error page
 * for 404 (an error page can be a servlet). Application {@code ServletRequestListener}s still see these requests, as
 * they see every request the container serves (a health check's, a scanner's).
 */
final class ContainerOnlyRequests
{
    /** Static files taken at most, the shallowest first: enough for the default servlet's paths, few for the plan. */
    static final int MAX_STATIC = 8;
    /** Directory entries looked at, at most, to find them. */
    static final int MAX_LISTED = 500;
    /** The path the 404 request asks for. */
    static final String NOT_FOUND = "/lyger-warmup-not-found";

    private static final Set<String> CONTAINER_SERVLETS = Set.of(
        "org.eclipse.jetty.ee11.servlet.DefaultServlet",
        "org.eclipse.jetty.ee11.servlet.ServletHandler$Default404Servlet");

    private ContainerOnlyRequests()
    {
    }

    static List<WarmupRequest> of(WebAppContext webApp)
    {
        ServletHandler servlets = webApp.getServletHandler();
        Resource base = webApp.getBaseResource();
        String contextPath = webApp.getContextPath() == null || webApp.getContextPath().equals("/") ? "" : webApp.getContextPath();
        List<WarmupRequest> requests = new ArrayList<>();
        if (servlets == null)
            return requests;
        List<String> files = base == null ? List.of() : staticFiles(base);
        String welcome = welcomeFile(webApp, base);
        if (welcome != null && containerOnly(servlets, "/") && containerOnly(servlets, welcome))
            requests.add(WarmupRequest.get(contextPath + "/"));
        for (String file : files)
        {
            if (containerOnly(servlets, file))
                requests.add(WarmupRequest.get(contextPath + file));
        }
        boolean missing = base == null || !base.resolve(NOT_FOUND.substring(1)).exists();
        if (missing && containerOnly(servlets, NOT_FOUND) && !hasErrorPageFor404(webApp))
            requests.add(WarmupRequest.get(contextPath + NOT_FOUND));
        return requests;
    }

    /** @return whether a GET of {@code path} reaches Jetty's default servlet and no application filter */
    static boolean containerOnly(ServletHandler servlets, String path)
    {
        ServletHandler.MappedServlet mapped = servlets.getMappedServlet(path);
        if (mapped == null)
            return false;
        ServletHolder holder = mapped.getServletHolder();
        if (holder == null || !CONTAINER_SERVLETS.contains(holder.getClassName()))
            return false;
        FilterMapping[] filters = servlets.getFilterMappings();
        if (filters == null)
            return true;
        for (FilterMapping filter : filters)
        {
            if (!filter.appliesTo(jakarta.servlet.DispatcherType.REQUEST))
                continue;
            if (filter.getServletNames() != null)
            {
                for (String name : filter.getServletNames())
                {
                    if (name.equals("*") || name.equals(holder.getName()))
                        return false;
                }
            }
            if (filter.getPathSpecs() != null)
            {
                for (String spec : filter.getPathSpecs())
                {
                    if (new ServletPathSpec(spec).matches(path))
                        return false;
                }
            }
        }
        return true;
    }

    /** @return the first welcome file that is a file of the WAR (as {@code /name}), or null */
    private static String welcomeFile(WebAppContext webApp, Resource base)
    {
        if (base == null || webApp.getWelcomeFiles() == null)
            return null;
        for (String name : webApp.getWelcomeFiles())
        {
            Resource file = base.resolve(name);
            if (file != null && file.exists() && !file.isDirectory())
                return name.startsWith("/") ? name : "/" + name;
        }
        return null;
    }

    /** @return up to {@value #MAX_STATIC} files outside WEB-INF and META-INF, breadth first, in name order */
    private static List<String> staticFiles(Resource base)
    {
        List<String> files = new ArrayList<>();
        Deque<String> directories = new ArrayDeque<>(List.of("/"));
        int listed = 0;
        while (!directories.isEmpty() && files.size() < MAX_STATIC && listed < MAX_LISTED)
        {
            String directory = directories.poll();
            Resource resource = directory.equals("/") ? base : base.resolve(directory.substring(1));
            if (resource == null || !resource.isDirectory())
                continue;
            List<Resource> entries = new ArrayList<>(resource.list());
            entries.sort((a, b) -> String.valueOf(a.getFileName()).compareTo(String.valueOf(b.getFileName())));
            for (Resource entry : entries)
            {
                if (++listed > MAX_LISTED || files.size() >= MAX_STATIC)
                    break;
                String name = entry.getFileName();
                if (name == null || name.isEmpty() || !name.matches("[A-Za-z0-9._~-]+") || name.startsWith("."))
                    continue;
                String path = directory + name;
                if (entry.isDirectory())
                {
                    if (!path.equalsIgnoreCase("/WEB-INF") && !path.equalsIgnoreCase("/META-INF"))
                        directories.add(path + "/");
                }
                else
                    files.add(path);
            }
        }
        return files;
    }

    private static boolean hasErrorPageFor404(WebAppContext webApp)
    {
        // an error page (a servlet, a JSP or a file) for 404 or for every error: the 404 would dispatch to it
        Object handler = webApp.getErrorHandler();
        if (handler instanceof ErrorHandler.ErrorPageMapper mapper)
            return mapper.getErrorPage(404, null) != null;
        // no handler: Jetty's own answers; another one than Jetty's may be the application's code
        return handler != null && !handler.getClass().getName().startsWith("org.eclipse.jetty.");
    }
}
