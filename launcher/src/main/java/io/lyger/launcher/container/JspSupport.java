package io.lyger.launcher.container;

import org.eclipse.jetty.ee11.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee11.webapp.WebAppContext;

/**
 * JSP pages for every web application, as Jetty's {@code ee11-jsp} and {@code ee11-glassfish-jstl} modules give them.
 * <p>
 * The jars are on the server's class path (launcher/pom.xml): Apache Jasper ({@code jetty-ee11-apache-jsp}: Jetty's
 * {@code JspConfiguration} is enabled by it and its {@code JettyJasperInitializer} is found as a
 * {@code ServletContainerInitializer}), and the JSTL API with Glassfish's {@code wasp}, which holds the JSTL tag
 * libraries. What is left to do per web application is what Jetty's ee11 deployer does: tell the web application
 * which of the server's jars to scan for tag library descriptors (TLDs), so that {@code <%@ taglib
 * uri="jakarta.tags.core" %>} finds JSTL without the WAR carrying it. A web application with nothing JSP in it
 * starts without JSP support ({@link UnusedJspSupport}).
 */
public final class JspSupport
{
    /**
     * The container jars scanned for TLDs, {@code META-INF/resources} and fragments: the default of jetty-home 12.1.7's
     * {@code jetty.deploy.containerScanJarPattern} (etc/jetty-ee11-deploy.xml).
     */
    public static final String CONTAINER_SCAN_JAR_PATTERN = ".*/jakarta.servlet-api-[^/]*\\.jar$|.*wasp-.*\\.jar$|.*jakarta.servlet.jsp.jstl-.*\\.jar$";

    private JspSupport()
    {
    }

    /**
     * Sets the container scan pattern on {@code webApp}, unless something (a context XML, a test) has set one, and has
     * JSP support left out if the web application turns out to have nothing JSP in it.
     */
    public static void configure(WebAppContext webApp)
    {
        if (webApp.getAttribute(MetaInfConfiguration.CONTAINER_JAR_PATTERN) == null)
            webApp.setAttribute(MetaInfConfiguration.CONTAINER_JAR_PATTERN, CONTAINER_SCAN_JAR_PATTERN);
        UnusedJspSupport.install(webApp);
    }
}
