package io.lyger.connector;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.component.Container;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * {@link StaticFileRegions} for every context of a Server, present and to come (Jetty XML's deployed webapps, Spring
 * Boot's context): a listener inherited down the Server's component tree, so that each context added anywhere in it
 * gets its resource servlets wrapped once started, and a {@link LygerConnector} started after the contexts (as Spring
 * Boot does: it adds its connectors once the application is ready) wraps those already running. Nothing is wrapped
 * unless the native engine serves.
 */
public final class StaticFileRegionsListener implements Container.InheritedListener
{
    private final Server server;

    private StaticFileRegionsListener(Server server)
    {
        this.server = server;
    }

    /** Listens on {@code server}'s tree (once per server), for the contexts and Lyger connectors it holds or will. */
    public static void installOn(Server server)
    {
        if (server.getBean(StaticFileRegionsListener.class) == null)
            server.addEventListener(new StaticFileRegionsListener(server));
    }

    @Override
    public void beanAdded(Container parent, Object child)
    {
        if (child instanceof ContextHandler context)
            StaticFileRegions.install(context);
        else if (child instanceof LygerConnector connector && connector.getEventListeners().stream().noneMatch(WrapWhenNative.class::isInstance))
            connector.addEventListener(new WrapWhenNative(server, connector));
    }

    @Override
    public void beanRemoved(Container parent, Object child)
    {
    }

    /** When the connector has started natively: wraps the server's running contexts (those started before it). */
    private record WrapWhenNative(Server server, LygerConnector connector) implements LifeCycle.Listener
    {
        @Override
        public void lifeCycleStarted(LifeCycle event)
        {
            if (connector.isNative())
                server.getContainedBeans(ContextHandler.class).forEach(StaticFileRegions::wrap);
        }
    }
}
