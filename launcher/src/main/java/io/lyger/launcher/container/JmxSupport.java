package io.lyger.launcher.container;

import java.lang.management.ManagementFactory;

import org.eclipse.jetty.jmx.MBeanContainer;
import org.eclipse.jetty.server.Server;

/**
 * Jetty's MBeans on the platform MBeanServer, as Jetty's {@code jmx} module registers them (etc/jetty-jmx.xml): a
 * {@link MBeanContainer} added to the server as a bean, so that the server, its connectors, thread pool, web
 * applications and their servlets show in JConsole, hawtio or Jolokia under {@code org.eclipse.jetty.*}.
 * <p>
 * One container serves every server of the JVM (an embedding application or a test may run several): its names are
 * then unique ({@code org.eclipse.jetty.server:type=server,id=0}, {@code id=1}...). When a server stops, its MBeans
 * are unregistered: unlike Jetty's {@code start.jar}, whose JVM ends with the server, an embedded server leaves its JVM
 * running, and MBeans left behind would keep the stopped server reachable (see {@link #uninstall}).
 */
public final class JmxSupport
{
    private static MBeanContainer shared;

    private JmxSupport()
    {
    }

    /** Registers {@code server}'s MBeans, and those of what is added to it later, until {@link #uninstall}. */
    public static void install(Server server)
    {
        server.addBean(container());
    }

    /**
     * Unregisters {@code server}'s MBeans: removing the container from the server's listeners makes it unregister the
     * MBean of every bean of the server, recursively; the server's own is removed here. Called once the server has
     * stopped (a stop listener would be a bean of the server itself, and so an MBean of its own).
     */
    public static void uninstall(Server server)
    {
        MBeanContainer mbeans = container();
        server.removeBean(mbeans);
        // the server itself is no bean of its own: the container registered it as the parent of its first bean
        mbeans.beanRemoved(null, server);
    }

    private static synchronized MBeanContainer container()
    {
        if (shared == null)
            shared = new MBeanContainer(ManagementFactory.getPlatformMBeanServer());
        return shared;
    }
}
