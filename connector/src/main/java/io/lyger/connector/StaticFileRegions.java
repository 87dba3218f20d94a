package io.lyger.launcher.container;

import io.lyger.connector.FileRegionContentFactory;
import io.lyger.connector.LygerConnector;
import jakarta.servlet.Servlet;
import org.eclipse.jetty.ee11.servlet.ResourceServlet;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Static files the native engine sends straight from the file (sendfile): once a web application has started, the
 * content factory of each of its started {@code DefaultServlet}s / {@code ResourceServlet}s is wrapped in a
 * {@link FileRegionContentFactory}, when a {@link LygerConnector} of the server runs natively. The servlet's own
 * factory chain (its init-parameters: caching, precompressed formats, mapping) stays underneath, and the request
 * still goes through the filters and security constraints first. On Jetty's connector nothing is wrapped.
 */
public final class StaticFileRegions
{
    private StaticFileRegions()
    {
    }

    public static void install(ServletContextHandler context)
    {
        context.addEventListener(new LifeCycle.Listener()
        {
            @Override
            public void lifeCycleStarted(LifeCycle event)
            {
                wrap(context);
            }
        });
    }

    static void wrap(ServletContextHandler context)
    {
        if (!servedNatively(context.getServer()))
            return;
        for (ServletHolder holder : context.getServletHandler().getServlets())
        {
            Servlet servlet = holder.getServletInstance();
            // decorated (CDI, WrapFunction beans): the servlet itself is inside
            while (servlet instanceof ServletHolder.Wrapper wrapper)
                servlet = wrapper.getWrapped();
            if (servlet instanceof ResourceServlet resourceServlet)
            {
                ResourceService service = resourceServlet.getResourceService();
                HttpContent.Factory factory = service.getHttpContentFactory();
                if (factory != null && !(factory instanceof FileRegionContentFactory))
                    service.setHttpContentFactory(new FileRegionContentFactory(factory));
            }
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
}
