package io.lyger.connector;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Static files the native engine sends straight from the file (sendfile): once a web application has started, the
 * content factory of each of its started {@code DefaultServlet}s / {@code ResourceServlet}s is wrapped in a
 * {@link FileRegionContentFactory}, when a {@link LygerConnector} of the server runs natively. The servlet's own
 * factory chain (its init-parameters: caching, precompressed formats, mapping) stays underneath, and the request
 * still goes through the filters and security constraints first. On Jetty's connector nothing is wrapped.
 * <p>
 * The servlets are found by reflection, through the public methods Jetty's ee10 and ee11 servlet contexts share
 * ({@code getServletHandler().getServlets()}, {@code ServletHolder.getServletInstance()}, a {@code ResourceServlet}'s
 * {@code getResourceService()}, which returns Jetty core's {@link ResourceService}): in a Jetty base each EE
 * environment's classes live in a class loader of their own, which this class, on the server's class path, does not
 * see. It runs once per context start, never per request. {@link StaticFileRegionsListener} does this for a whole Server.
 */
public final class StaticFileRegions
{
    private static final Logger LOG = LoggerFactory.getLogger(StaticFileRegions.class);

    private StaticFileRegions()
    {
    }

    /** Wraps the context's resource servlets each time it has started (once per context, however often called). */
    public static void install(ContextHandler context)
    {
        for (Object listener : context.getEventListeners())
        {
            if (listener instanceof WrapOnStart)
                return;
        }
        context.addEventListener(new WrapOnStart(context));
    }

    /** Wraps the resource servlets of a started context now, when a LygerConnector of its server runs natively. */
    public static void wrap(ContextHandler context)
    {
        if (!context.isStarted() || !servedNatively(context.getServer()))
            return;
        for (ResourceService service : resourceServices(context))
        {
            HttpContent.Factory factory = service.getHttpContentFactory();
            if (factory != null && !(factory instanceof FileRegionContentFactory))
            {
                service.setHttpContentFactory(new FileRegionContentFactory(factory));
                LOG.debug("Static files of {} as file regions: {}", context, factory);
            }
        }
    }

    /** @return the resource services of the context's started resource servlets; none when it is no servlet context */
    static List<ResourceService> resourceServices(ContextHandler context)
    {
        List<ResourceService> services = new ArrayList<>();
        Object servletHandler = call(context, "getServletHandler");
        Object holders = servletHandler == null ? null : call(servletHandler, "getServlets");
        if (!(holders instanceof Object[] array))
            return services;
        for (Object holder : array)
        {
            Object servlet = call(holder, "getServletInstance");
            // decorated (CDI, WrapFunction beans: ServletHolder.Wrapper): the servlet itself is inside
            while (servlet != null && isWrapper(servlet))
                servlet = call(servlet, "getWrapped");
            if (servlet != null && call(servlet, "getResourceService") instanceof ResourceService service)
                services.add(service);
        }
        return services;
    }

    private static boolean isWrapper(Object servlet)
    {
        for (Class<?> type = servlet.getClass(); type != null; type = type.getSuperclass())
        {
            if (type.getName().endsWith(".servlet.ServletHolder$Wrapper"))
                return true;
        }
        return false;
    }

    /** @return what the public no-argument method {@code name} of {@code target} returns, or null without one */
    private static Object call(Object target, String name)
    {
        try
        {
            Method method = target.getClass().getMethod(name);
            return method.invoke(target);
        }
        catch (ReflectiveOperationException | RuntimeException x)
        {
            return null;
        }
    }

    private static boolean servedNatively(Server server)
    {
        if (server == null)
            return false;
        for (Connector connector : server.getConnectors())
        {
            if (connector instanceof LygerConnector lyger && lyger.isNative())
                return true;
        }
        return false;
    }

    private record WrapOnStart(ContextHandler context) implements LifeCycle.Listener
    {
        @Override
        public void lifeCycleStarted(LifeCycle event)
        {
            wrap(context);
        }
    }
}
