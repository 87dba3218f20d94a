package io.lyger.arquillian;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A WAR is scanned as stock Jetty scans it: annotations in WEB-INF/classes, web-fragment.xml in WEB-INF/lib jars,
 * ServletContainerInitializers (with their @HandlesTypes) from WEB-INF/lib.
 */
@ExtendWith(ArquillianExtension.class)
class ScanningIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        JavaArchive fragment = ShrinkWrap.create(JavaArchive.class, "fragment.jar")
            .addClass(FragmentServlet.class)
            .addAsManifestResource(new StringAsset("<web-fragment xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.1\">"
                + "<name>scanned</name>"
                + "<servlet><servlet-name>fragment</servlet-name><servlet-class>" + FragmentServlet.class.getName() + "</servlet-class></servlet>"
                + "<servlet-mapping><servlet-name>fragment</servlet-name><url-pattern>/fragment</url-pattern></servlet-mapping>"
                + "</web-fragment>"), "web-fragment.xml");
        JavaArchive initializer = ShrinkWrap.create(JavaArchive.class, "initializer.jar")
            .addClasses(Initializer.class, Initialized.class, Plugin.class)
            .addAsServiceProvider(ServletContainerInitializer.class, Initializer.class);
        return ShrinkWrap.create(WebArchive.class, "scanning.war")
            .addClasses(Annotated.class, AddHeader.class, StartListener.class, FirstPlugin.class, SecondPlugin.class)
            .addAsLibraries(fragment, initializer);
    }

    @ArquillianResource
    URL base;

    public static class FragmentServlet extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.getWriter().print("from web-fragment.xml");
        }
    }

    /** What the initializer looks for among the WAR's classes. */
    public interface Plugin
    {
    }

    public static class FirstPlugin implements Plugin
    {
    }

    public static class SecondPlugin implements Plugin
    {
    }

    @HandlesTypes(Plugin.class)
    public static class Initializer implements ServletContainerInitializer
    {
        @Override
        public void onStartup(Set<Class<?>> classes, ServletContext context)
        {
            Set<String> names = new TreeSet<>();
            // getName, not getSimpleName: that one reads the enclosing class, the test class, which is not in the WAR.
            for (Class<?> type : classes)
                names.add(type.getName().substring(type.getName().lastIndexOf('$') + 1));
            context.addServlet("initialized", new Initialized(names)).addMapping("/initializer");
        }
    }

    /** Named, not anonymous: ShrinkWrap's addClasses takes member classes along, not anonymous ones. */
    public static class Initialized extends HttpServlet
    {
        private final Set<String> names;

        public Initialized(Set<String> names)
        {
            this.names = names;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.getWriter().print("initializer saw " + names);
        }
    }

    @WebServlet("/annotated")
    public static class Annotated extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.getWriter().print("listener: " + getServletContext().getAttribute("listener"));
        }
    }

    @WebFilter("/*")
    public static class AddHeader implements Filter
    {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException
        {
            ((HttpServletResponse) response).setHeader("X-Filtered", "yes");
            chain.doFilter(request, response);
        }
    }

    @WebListener
    public static class StartListener implements ServletContextListener
    {
        @Override
        public void contextInitialized(ServletContextEvent event)
        {
            event.getServletContext().setAttribute("listener", "started");
        }
    }

    @Test
    void annotatedServletFilterAndListenerAreFound()
    {
        HttpResponse<String> response = TestHttp.get(base, "annotated");
        assertEquals(200, response.statusCode());
        assertEquals("listener: started", response.body());
        assertEquals("yes", response.headers().firstValue("X-Filtered").orElse(null));
    }

    @Test
    void webFragmentOfALibraryJarIsApplied()
    {
        HttpResponse<String> response = TestHttp.get(base, "fragment");
        assertEquals(200, response.statusCode());
        assertEquals("from web-fragment.xml", response.body());
    }

    @Test
    void containerInitializerRunsWithItsHandledTypes()
    {
        HttpResponse<String> response = TestHttp.get(base, "initializer");
        assertEquals(200, response.statusCode());
        assertEquals("initializer saw [FirstPlugin, SecondPlugin]", response.body());
    }
}
