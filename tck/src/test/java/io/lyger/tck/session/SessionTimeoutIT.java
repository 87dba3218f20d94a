package io.lyger.tck.session;

import java.net.URL;

import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.TextServlet;
import io.lyger.tck.support.WebXml;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Timeouts: session-timeout of web.xml, setMaxInactiveInterval, expiry over real time, activity keeping a session alive. */
@ExtendWith(ArquillianExtension.class)
class SessionTimeoutIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "session-timeout.war")
            .addClasses(SessionProbe.class, TextServlet.class, KeyValues.class)
            .setWebXML(WebXml.webApp().xml("<session-config><session-timeout>7</session-timeout></session-config>").asset());
    }

    @ArquillianResource
    URL base;

    @Test
    void sessionTimeoutOfWebXmlIsTheDefaultInterval()
    {
        assertEquals("420", Probe.get(base, "create=true", null).value("interval"));
    }

    @Test
    void setMaxInactiveIntervalIsKeptForTheSession()
    {
        Probe created = Probe.get(base, "create=true&interval=97", null);
        assertEquals("97", created.value("interval"));
        assertEquals("97", Probe.get(base, "create=false", created.cookie("JSESSIONID").pair()).value("interval"));
    }

    @Test
    void negativeIntervalMeansNeverAndIsReported()
    {
        Probe created = Probe.get(base, "create=true&interval=-1", null);
        assertEquals("-1", Probe.get(base, "create=false", created.cookie("JSESSIONID").pair()).value("interval"));
    }

    @Test
    void idleSessionExpiresAfterItsInterval() throws InterruptedException
    {
        Probe created = Probe.get(base, "create=true&interval=1&set=a:1", null);
        String cookie = created.cookie("JSESSIONID").pair();
        Thread.sleep(2200);
        Probe after = Probe.get(base, "create=false", cookie);
        assertEquals("null", after.session(), "expired after 2.2 s idle with a 1 s interval");
        assertEquals("false", after.value("valid"));
    }

    @Test
    void expiredSessionIsReplacedByANewEmptyOne() throws InterruptedException
    {
        Probe created = Probe.get(base, "create=true&interval=1&set=a:1", null);
        Thread.sleep(2200);
        Probe fresh = Probe.get(base, "create=true", created.cookie("JSESSIONID").pair());
        assertNotEquals(created.session(), fresh.session());
        assertEquals("true", fresh.value("new"));
        assertEquals("{}", fresh.value("attributes"));
        assertEquals("420", fresh.value("interval"), "the new session has the default interval again");
    }

    @Test
    void requestsWithinTheIntervalKeepTheSessionAlive() throws InterruptedException
    {
        // a 5 s interval, requests 3 s apart: 2 s to spare for a loaded machine's slow request on each gap
        Probe created = Probe.get(base, "create=true&interval=5&set=a:1", null);
        String cookie = created.cookie("JSESSIONID").pair();
        long start = System.currentTimeMillis();
        Thread.sleep(3000);
        assertEquals(created.session(), Probe.get(base, "create=false", cookie).session());
        Thread.sleep(3000);
        Probe later = Probe.get(base, "create=false", cookie);
        assertTrue(System.currentTimeMillis() - start > 5000, "longer than the interval since creation");
        assertEquals(created.session(), later.session(), "never idle for 5 s");
        assertEquals("{a=1}", later.value("attributes"));
    }
}
