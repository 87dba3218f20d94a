package io.lyger.arquillian;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A deployment that fails says what failed: the class that threw, or the descriptor and its line. */
class DeploymentErrorsIT
{
    private static LygerContainer container;

    @BeforeAll
    static void start() throws Exception
    {
        LygerContainerConfiguration configuration = new LygerContainerConfiguration();
        configuration.validate();
        container = new LygerContainer();
        container.setup(configuration);
        container.start();
    }

    @AfterAll
    static void stop() throws Exception
    {
        container.stop();
    }

    @WebServlet(urlPatterns = "/x", loadOnStartup = 1)
    public static class FailingInit extends HttpServlet
    {
        @Override
        public void init() throws ServletException
        {
            throw new ServletException("the database is not configured");
        }
    }

    @WebListener
    public static class FailingListener implements ServletContextListener
    {
        @Override
        public void contextInitialized(ServletContextEvent event)
        {
            throw new IllegalStateException("missing setting app.mode");
        }
    }

    /** Deployed from a jar of WEB-INF/lib. */
    @WebServlet(urlPatterns = "/lib", loadOnStartup = 1)
    public static class FailingLibraryServlet extends HttpServlet
    {
        @Override
        public void init()
        {
            throw new IllegalArgumentException("bad default");
        }
    }

    /** @return a Servlet 6.1 web.xml around {@code body}, which starts on line 3. */
    static StringAsset webXml(String body)
    {
        return new StringAsset("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.1\">\n" + body + "</web-app>\n");
    }

    static String deployFailure(WebArchive archive)
    {
        DeploymentException failure = assertThrows(DeploymentException.class, () -> container.deploy(archive));
        assertEquals(0, container.server().deployments().size(), "nothing stays deployed");
        return failure.getMessage();
    }

    @Test
    void servletWhoseInitThrowsIsNamed()
    {
        String message = deployFailure(ShrinkWrap.create(WebArchive.class, "init.war").addClass(FailingInit.class));
        assertTrue(message.contains("at /init: ServletException: the database is not configured"), message);
        assertTrue(message.contains("(thrown by " + FailingInit.class.getName() + ".init)"), message);
    }

    @Test
    void listenerThatThrowsIsNamed()
    {
        String message = deployFailure(ShrinkWrap.create(WebArchive.class, "listener.war").addClass(FailingListener.class));
        assertTrue(message.contains("IllegalStateException: missing setting app.mode"), message);
        assertTrue(message.contains("(thrown by " + FailingListener.class.getName() + ".contextInitialized)"), message);
    }

    @Test
    void classInALibraryJarIsNamedWithItsJar()
    {
        JavaArchive lib = ShrinkWrap.create(JavaArchive.class, "plugin.jar").addClass(FailingLibraryServlet.class);
        String message = deployFailure(ShrinkWrap.create(WebArchive.class, "lib.war").addAsLibraries(lib));
        assertTrue(message.contains("IllegalArgumentException: bad default"), message);
        assertTrue(message.contains("(thrown by " + FailingLibraryServlet.class.getName() + ".init in WEB-INF/lib/plugin.jar)"), message);
    }

    @Test
    void malformedWebXmlIsNamedWithItsLine()
    {
        String webXml = "  <servlet>\n    <servlet-name>s</servlet-name>\n  </servlet-oops>\n";
        String message = deployFailure(ShrinkWrap.create(WebArchive.class, "descriptor.war").setWebXML(webXml(webXml)));
        assertTrue(message.contains("(descriptor WEB-INF/web.xml, line 5)"), message);
    }

    @Test
    void missingServletClassIsNamed()
    {
        String webXml = "  <servlet><servlet-name>orders</servlet-name><servlet-class>com.example.OrdersServlet</servlet-class>"
            + "<load-on-startup>1</load-on-startup></servlet>\n"
            + "  <servlet-mapping><servlet-name>orders</servlet-name><url-pattern>/orders</url-pattern></servlet-mapping>\n";
        String message = deployFailure(ShrinkWrap.create(WebArchive.class, "missing.war").setWebXML(webXml(webXml)));
        assertTrue(message.contains("com.example.OrdersServlet"), message);
        assertTrue(message.contains("ClassNotFoundException"), message);
    }
}
