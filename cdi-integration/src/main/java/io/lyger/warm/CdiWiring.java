package io.lyger.warm;

import org.eclipse.jetty.ee11.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee11.cdi.CdiConfiguration;
import org.eclipse.jetty.ee11.cdi.CdiServletContainerInitializer;
import org.eclipse.jetty.ee11.plus.webapp.EnvConfiguration;
import org.eclipse.jetty.ee11.plus.webapp.PlusConfiguration;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.util.resource.Resource;

/**
 * Turns on CDI for a web application the way Jetty's {@code ee11-cdi} module does, with no configuration in the WAR:
 * <ul>
 * <li>{@link AnnotationConfiguration}, so that the {@code ServletContainerInitializer}s in {@code WEB-INF/lib} run
 * (Weld's {@code EnhancedListener} boots the container from one);</li>
 * <li>{@link CdiConfiguration}, which exposes Jetty's {@link CdiServletContainerInitializer} to the web application,
 * in mode {@code CdiDecoratingListener} unless the WAR chose another one with the {@code org.eclipse.jetty.cdi}
 * context parameter: Weld registers its own decorator and injects servlets, filters and listeners itself;</li>
 * <li>with the CDI warm-up on, the agent directory ({@link AgentClasspath}) on the web application's extra class
 * path, so that its CDI extension runs inside the web application's container.</li>
 * </ul>
 * A WAR without a CDI implementation is not affected: the initializer finds no {@code jakarta.enterprise.inject.spi.CDI}
 * and does nothing, and nothing loads the extension.
 */
final class CdiWiring
{
    /** Jetty's context parameter (and server attribute) naming the CDI integration mode. */
    static final String MODE_PARAMETER = CdiServletContainerInitializer.CDI_INTEGRATION_ATTRIBUTE;
    static final String DEFAULT_MODE = "CdiDecoratingListener";

    private CdiWiring()
    {
    }

    static void configure(WebAppContext webApp, boolean agent)
    {
        webApp.addConfiguration(new EnvConfiguration(), new PlusConfiguration(), new AnnotationConfiguration(), new CdiConfiguration());
        if (webApp.getInitParameter(MODE_PARAMETER) == null)
            webApp.setInitParameter(MODE_PARAMETER, DEFAULT_MODE);
        if (agent)
        {
            java.util.List<Resource> extra = new java.util.ArrayList<>(webApp.getExtraClasspath() == null ? java.util.List.of() : webApp.getExtraClasspath());
            extra.add(org.eclipse.jetty.util.resource.ResourceFactory.of(webApp).newResource(AgentClasspath.location()));
            webApp.setExtraClasspath(extra);
        }
    }
}
