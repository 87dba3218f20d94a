package io.lyger.arquillian;

import java.io.File;
import java.net.URL;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.enterprise.inject.spi.CDI;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In-container tests: the test class runs inside the deployed web application (the servlet protocol), with CDI beans
 * injected by the WAR's Weld (testenricher-cdi).
 */
@ExtendWith(ArquillianExtension.class)
class InContainerCdiIT
{
    /**
     * CDI for the WAR, as an application brings it: Weld (weld-servlet-core and its libraries) and the CDI API it
     * implements, copied to target/weld-lib by the build. Weld is kept off the test class path (the server's): there
     * it would make Jetty give web applications the server's CDI API, bound to that other Weld.
     */
    static File[] weld()
    {
        File[] jars = new File(System.getProperty("lyger.test.weld.lib", "target/weld-lib")).listFiles((dir, name) -> name.endsWith(".jar"));
        assertNotNull(jars, "no target/weld-lib: run through Maven (mvn verify)");
        return jars;
    }

    @Deployment
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "in-container.war")
            .addClass(Counter.class)
            .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
            .addAsLibraries(weld());
    }

    @ApplicationScoped
    public static class Counter
    {
        private int count;

        public synchronized int next()
        {
            return ++count;
        }
    }

    @Inject
    Counter counter;

    @Test
    void beanIsInjectedIntoTheTestClass()
    {
        assertNotNull(counter, "@Inject Counter");
        int first = counter.next();
        assertEquals(first + 1, counter.next(), "the same application-scoped instance");
    }

    @Test
    void testRunsInsideTheWebApplication()
    {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        assertTrue(loader.getClass().getName().endsWith("WebAppClassLoader"), loader.getClass().getName());
        assertNotSame(ClassLoader.getSystemClassLoader(), getClass().getClassLoader(), "the test class comes from the WAR");
        assertSame(counter, CDI.current().select(Counter.class).get(), "the WAR's own CDI container");
    }

    @Test
    @RunAsClient
    void clientSideSeesTheDeployment(@ArquillianResource URL base) throws Exception
    {
        assertEquals("/in-container/", base.getPath());
        assertEquals(ClassLoader.getSystemClassLoader(), getClass().getClassLoader(), "a client test runs in the test JVM's loader");
    }
}
