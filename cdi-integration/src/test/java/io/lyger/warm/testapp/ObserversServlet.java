package io.lyger.warm.testapp;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Set;

import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Test web application: says whether Weld's observer resolution cache already holds the resolution that
 * {@code PingSender}'s {@code Event<Ping>.fire()} needs ({@code cached=}), and how many pings the observer has seen
 * ({@code pings=}); {@code ?fire=1} fires one first. The cache is Weld's own: the global strict observer notifier's
 * resolver, keyed as {@code Event.fire()} keys it (the event type and the injection point's qualifiers).
 */
public class ObserversServlet extends HttpServlet
{
    @Inject
    BeanManager beanManager;
    @Inject
    PingSender sender;
    @Inject
    PingCounter counter;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        boolean cachedBefore = cached();
        if ("1".equals(request.getParameter("fire")))
            sender.send("servlet");
        response.setContentType("text/plain");
        response.getWriter().print("cached=" + cachedBefore + "\npings=" + counter.pings() + "\n");
    }

    private boolean cached()
    {
        try
        {
            Object manager = beanManager;
            try
            {
                manager = manager.getClass().getMethod("delegate").invoke(manager);
            }
            catch (NoSuchMethodException notAProxy)
            {
                // the BeanManagerImpl itself
            }
            Object notifier = manager.getClass().getMethod("getGlobalStrictObserverNotifier").invoke(manager);
            Class<?> notifierClass = Class.forName("org.jboss.weld.event.ObserverNotifier", true, notifier.getClass().getClassLoader());
            Method build = notifierClass.getDeclaredMethod("buildEventResolvable", Type.class, Set.class);
            build.setAccessible(true);
            Object resolvable = build.invoke(notifier, Ping.class, Set.of(Default.Literal.INSTANCE));
            Field resolverField = notifierClass.getDeclaredField("resolver");
            resolverField.setAccessible(true);
            Object resolver = resolverField.get(notifier);
            for (Method method : resolver.getClass().getMethods())
            {
                if (method.getName().equals("isCached") && method.getParameterCount() == 1)
                    return (Boolean)method.invoke(resolver, resolvable);
            }
            throw new IllegalStateException("no isCached on " + resolver.getClass());
        }
        catch (ReflectiveOperationException x)
        {
            throw new IllegalStateException("cannot read Weld's observer resolution cache", x);
        }
    }
}
