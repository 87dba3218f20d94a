package io.lyger.launcher.container;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.eclipse.jetty.ee11.servlet.FilterMapping;
import org.eclipse.jetty.ee11.servlet.ServletContainerInitializerHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.ee11.servlet.ServletMapping;
import org.eclipse.jetty.ee11.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.resource.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leaves JSP support out of a web application that has nothing JSP in it: Jasper's initializer (a TLD scan of the
 * server's JSTL jar and the WAR, about 0.5 s of every start, also with a training profile) and Glassfish's TLD
 * scanner do not run, and the {@code jsp} servlet of Jetty's {@code webdefault-ee11.xml} (initialised at start-up)
 * and its mappings go, so that {@code /x.jsp} is answered by the default servlet (404) as any missing file.
 * <p>
 * Nothing JSP means, once the web application's descriptors are resolved (scanned or from a quickstart descriptor)
 * and before its initializers run: no {@code *.jsp}, {@code *.jspx}, {@code *.jspf}, {@code *.xsp}, {@code *.tag} or
 * {@code *.tagx} in the WAR nor in the {@code META-INF/resources} of its jars; no {@code jsp-config} (a
 * {@code JspConfigDescriptor}), no servlet with a {@code jsp-file}, no Jasper servlet of its own, and the {@code jsp}
 * servlet mapped to no more than the defaults, with no filter mapped to it by name. Otherwise the web application
 * starts exactly as before. One line says which was decided. A web application whose JSPs come from elsewhere (an
 * initializer's {@code ServletContext.addJspFile}, pages added after start) keeps JSP support with the context
 * parameter {@value #ALWAYS_PARAMETER}{@code =always} (its {@code web.xml}, or a context XML's {@code setInitParameter}).
 * <p>
 * It runs as the context's first {@link ServletContextHandler.ServletContainerInitializerCaller}: Jetty calls those
 * in the order they were added, after the metadata (web.xml, fragments, annotations or the quickstart descriptor) is
 * resolved into servlets and initializers, and before any initializer or servlet starts.
 */
public final class UnusedJspSupport extends AbstractLifeCycle implements ServletContextHandler.ServletContainerInitializerCaller
{
    private static final Logger LOG = LoggerFactory.getLogger(UnusedJspSupport.class);

    /** The JSP initializers on the server's class path (Jetty's ee11-jsp and ee11-glassfish-jstl). */
    static final Set<String> INITIALIZERS = Set.of("org.eclipse.jetty.ee11.apache.jsp.JettyJasperInitializer", "org.glassfish.wasp.runtime.TldScanner");
    /** The name of the JSP servlet (JSP 3.1, 1.1.1: "jsp") and the mappings {@code webdefault-ee11.xml} gives it. */
    static final String JSP_SERVLET = "jsp";
    private static final Set<String> DEFAULT_JSP_MAPPINGS = Set.of("*.jsp", "*.jspf", "*.jspx", "*.xsp", "*.JSP", "*.JSPF", "*.JSPX", "*.XSP");
    /** File name endings of JSP pages, fragments, documents and tag files. */
    private static final List<String> JSP_FILES = List.of(".jsp", ".jspx", ".jspf", ".xsp", ".tag", ".tagx");

    /** The context parameter that keeps JSP support whatever the web application holds, with the value "always". */
    public static final String ALWAYS_PARAMETER = "lyger.jsp";

    private final WebAppContext webApp;

    private UnusedJspSupport(WebAppContext webApp)
    {
        this.webApp = webApp;
    }

    /** Call before {@code webApp} is configured: no initializer caller may be added before this one. */
    public static void install(WebAppContext webApp)
    {
        webApp.addBean(new UnusedJspSupport(webApp), true);
    }

    @Override
    protected void doStart()
    {
        String why = whyJsp(webApp);
        if (why != null)
        {
            LOG.debug("{}: JSP support initialised ({})", webApp.getContextPath(), why);
            return;
        }
        for (ServletContextHandler.ServletContainerInitializerStarter starter : webApp.getBeans(ServletContextHandler.ServletContainerInitializerStarter.class))
        {
            if (!starter.isStopped())
                return; // too late: an initializer has run (not expected, see install), leave everything as it is
            for (ServletContainerInitializerHolder holder : new ArrayList<>(starter.getServletContainerInitializerHolders()))
            {
                if (INITIALIZERS.contains(holder.getClassName()))
                    starter.removeBean(holder);
            }
        }
        ServletHandler servlets = webApp.getServletHandler();
        servlets.setServletMappings(Arrays.stream(servlets.getServletMappings()).filter(m -> !JSP_SERVLET.equals(m.getServletName())).toArray(ServletMapping[]::new));
        servlets.setServlets(Arrays.stream(servlets.getServlets()).filter(h -> !JSP_SERVLET.equals(h.getName())).toArray(ServletHolder[]::new));
        LOG.info("{}: no JSP in it (no *.jsp, *.jspx or *.tag file, jsp-config or jsp-file): JSP support (Jasper) not initialised", webApp.getContextPath());
    }

    /** @return why {@code webApp} needs JSP support, or null when nothing in it is JSP */
    static String whyJsp(WebAppContext webApp)
    {
        if ("always".equalsIgnoreCase(webApp.getInitParameter(ALWAYS_PARAMETER)))
            return ALWAYS_PARAMETER + "=always";
        if (webApp.getServletContext().getJspConfigDescriptor() != null)
            return "a jsp-config";
        ServletHandler servlets = webApp.getServletHandler();
        for (ServletHolder holder : servlets.getServlets())
        {
            if (holder.getForcedPath() != null)
                return "servlet " + holder.getName() + " has a jsp-file";
            String className = holder.getClassName() == null ? "" : holder.getClassName();
            if (!JSP_SERVLET.equals(holder.getName()) && (className.contains(".jasper.") || className.endsWith("JspServlet")))
                return "servlet " + holder.getName() + " is a JSP servlet";
        }
        for (ServletMapping mapping : servlets.getServletMappings())
        {
            if (JSP_SERVLET.equals(mapping.getServletName()) && !DEFAULT_JSP_MAPPINGS.containsAll(Arrays.asList(mapping.getPathSpecs())))
                return "the jsp servlet is mapped to " + String.join(", ", mapping.getPathSpecs());
        }
        for (FilterMapping mapping : servlets.getFilterMappings() == null ? new FilterMapping[0] : servlets.getFilterMappings())
        {
            if (mapping.getServletNames() != null && Arrays.asList(mapping.getServletNames()).contains(JSP_SERVLET))
                return "filter " + mapping.getFilterName() + " is mapped to the jsp servlet";
        }
        List<Resource> roots = new ArrayList<>();
        if (webApp.getBaseResource() != null)
            roots.add(webApp.getBaseResource());
        if (webApp.getAttribute(MetaInfConfiguration.RESOURCE_DIRS) instanceof Collection<?> jarResources)
        {
            for (Object resource : jarResources)
            {
                if (resource instanceof Resource r)
                    roots.add(r);
            }
        }
        for (Resource root : roots)
        {
            for (Resource resource : root.getAllResources())
            {
                String name = resource.getFileName();
                if (name != null && isJspFile(name) && !resource.isDirectory())
                    return resource.getURI() + " is JSP";
            }
        }
        return null;
    }

    static boolean isJspFile(String name)
    {
        String lower = name.toLowerCase(Locale.ROOT);
        return JSP_FILES.stream().anyMatch(lower::endsWith);
    }
}
