package io.lyger.tck.session;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.RawHttp;
import io.lyger.tck.support.SetCookie;
import io.lyger.tck.support.TextServlet;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** getSession(true/false), isNew, the JSESSIONID cookie, the requested session id, default tracking modes. */
@ExtendWith(ArquillianExtension.class)
class SessionCreationIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "session-creation.war")
            .addClasses(SessionProbe.class, TextServlet.class, KeyValues.class, Committed.class, Modes.class, WithCookies.class);
    }

    @ArquillianResource
    URL base;

    /** Writes and flushes, then asks for a new session: too late to send its cookie. */
    @WebServlet("/committed")
    public static class Committed extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().print("committed;");
            response.flushBuffer();
            response.getWriter().print("getSession(true)=" + result(() -> request.getSession(true) != null));
            return null;
        }
    }

    /** Adds two cookies of its own around creating the session. */
    @WebServlet("/with-cookies")
    public static class WithCookies extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            response.addCookie(new jakarta.servlet.http.Cookie("before", "1"));
            String id = request.getSession(true).getId();
            response.addCookie(new jakarta.servlet.http.Cookie("after", "2"));
            return id;
        }
    }

    @WebServlet("/modes")
    public static class Modes extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            return new KeyValues().put("default", new java.util.TreeSet<>(getServletContext().getDefaultSessionTrackingModes()))
                .put("effective", new java.util.TreeSet<>(getServletContext().getEffectiveSessionTrackingModes()))
                .put("cookie", getServletContext().getSessionCookieConfig().getName())
                .toString();
        }
    }

    @Test
    void getSessionFalseWithoutSessionIsNullAndSetsNoCookie()
    {
        Probe probe = Probe.get(base, "create=false", null);
        assertEquals("null", probe.session());
        assertTrue(probe.response().headers().allValues("Set-Cookie").isEmpty(), "no cookie without a session");
    }

    @Test
    void getSessionTrueCreatesANewSession()
    {
        Probe probe = Probe.get(base, "create=true", null);
        assertNotEquals("null", probe.session());
        assertEquals("true", probe.value("new"));
        assertEquals("/session-creation", probe.value("context"));
    }

    @Test
    void getSessionWithoutArgumentCreatesToo()
    {
        Probe probe = Probe.get(base, "", null);
        assertNotEquals("null", probe.session());
        assertEquals("true", probe.value("new"));
    }

    @Test
    void newSessionSetsJsessionidCookieForTheContextPath()
    {
        Probe probe = Probe.get(base, "create=true", null);
        SetCookie cookie = probe.cookie("JSESSIONID");
        assertTrue(cookie.value().startsWith(probe.session()), cookie + " carries the id " + probe.session());
        assertEquals("/session-creation", cookie.attribute("Path"));
        assertTrue(!cookie.has("Max-Age") && !cookie.has("Expires"), "a browser-session cookie: " + cookie);
    }

    @Test
    void cookieResumesTheSessionWhichIsNoLongerNew()
    {
        Probe first = Probe.get(base, "create=true", null);
        Probe second = Probe.get(base, "create=false", first.cookie("JSESSIONID").pair());
        assertEquals(first.session(), second.session());
        assertEquals("false", second.value("new"));
        assertEquals(first.value("created"), second.value("created"), "the same creation time");
        assertTrue(SetCookie.all(second.response()).isEmpty(), "no new cookie for a known session");
    }

    @Test
    void requestedSessionIdFromCookieIsValid()
    {
        Probe first = Probe.get(base, "create=true", null);
        Probe second = Probe.get(base, "create=false", first.cookie("JSESSIONID").pair());
        assertEquals("true", second.value("valid"));
        assertEquals("true", second.value("fromCookie"));
        assertEquals("false", second.value("fromURL"));
        assertNotNull(second.value("requested"));
        assertTrue(second.value("requested").startsWith(first.session()), second.value("requested"));
    }

    @Test
    void sessionCookieIsFoundAmongOtherCookies()
    {
        Probe first = Probe.get(base, "create=true", null);
        Probe again = Probe.get(base, "create=false", "theme=dark; " + first.cookie("JSESSIONID").pair() + "; lang=en");
        assertEquals(first.session(), again.session());
    }

    @Test
    void sessionCookieIsFoundInALongCookieHeader()
    {
        Probe first = Probe.get(base, "create=true", null);
        StringBuilder cookies = new StringBuilder();
        for (int i = 0; i < 60; i++)
            cookies.append("pad").append(i).append('=').append("x".repeat(90)).append("; ");
        Probe again = Probe.get(base, "create=false", cookies + first.cookie("JSESSIONID").pair());
        assertTrue(cookies.length() > 5000);
        assertEquals(first.session(), again.session());
    }

    @Test
    void headRequestCanCreateASessionAndGetsItsCookie()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response head = connection.send(RawHttp.request("HEAD", base, "session?create=true")).read();
            assertEquals(200, head.status());
            assertEquals(0, head.body().length);
            String cookie = head.headers("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElse(null);
            assertTrue(cookie != null, head.headers().toString());
            RawHttp.Response get = connection.send(RawHttp.get(base, "session?create=false", "Cookie: " + cookie.split(";")[0])).read();
            assertEquals("false", KeyValues.parse(get.text()).get("new"), "the session made by the HEAD request is resumed");
        }
    }

    @Test
    void sessionCookieIsFoundInASecondCookieHeader()
    {
        Probe first = Probe.get(base, "create=true", null);
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, "session?create=false", "Cookie: theme=dark",
            "Cookie: " + first.cookie("JSESSIONID").pair(), "Connection: close"));
        assertEquals(first.session(), KeyValues.parse(response.text()).get("session"));
    }

    /** A stale id and the live one under the same name: the container takes the one that names a session. */
    @Test
    void liveSessionIdWinsOverAStaleOne()
    {
        Probe first = Probe.get(base, "create=true", null);
        Probe stale = Probe.get(base, "create=false", "JSESSIONID=stale-id; " + first.cookie("JSESSIONID").pair());
        assertEquals(first.session(), stale.session());
        Probe reversed = Probe.get(base, "create=false", first.cookie("JSESSIONID").pair() + "; JSESSIONID=stale-id");
        assertEquals(first.session(), reversed.session());
    }

    @Test
    void unknownSessionIdIsRequestedButNotValid()
    {
        Probe probe = Probe.get(base, "create=false", "JSESSIONID=no-such-session");
        assertEquals("null", probe.session());
        assertEquals("no-such-session", probe.value("requested"));
        assertEquals("false", probe.value("valid"));
        assertEquals("true", probe.value("fromCookie"));
    }

    @Test
    void unknownSessionIdGetsAFreshSessionWithAnotherId()
    {
        Probe probe = Probe.get(base, "create=true", "JSESSIONID=no-such-session");
        assertNotEquals("null", probe.session());
        assertNotEquals("no-such-session", probe.session());
        assertEquals("true", probe.value("new"));
        assertTrue(probe.cookie("JSESSIONID").value().startsWith(probe.session()));
    }

    @Test
    void lastAccessedTimeAdvancesWithRequests() throws InterruptedException
    {
        Probe first = Probe.get(base, "create=true", null);
        String cookie = first.cookie("JSESSIONID").pair();
        long created = Long.parseLong(first.value("created"));
        assertEquals(created, Long.parseLong(first.value("accessed")), "a new session was last accessed when created");
        Thread.sleep(50);
        Probe.get(base, "create=false", cookie);
        Thread.sleep(50);
        Probe third = Probe.get(base, "create=false", cookie);
        assertTrue(Long.parseLong(third.value("accessed")) > created, "accessed " + third.value("accessed") + " after " + created);
        assertEquals(created, Long.parseLong(third.value("created")));
    }

    @Test
    void noSessionNoRequestedId()
    {
        Probe probe = Probe.get(base, "create=false", null);
        assertEquals("null", probe.value("requested"));
        assertEquals("false", probe.value("valid"));
        assertEquals("false", probe.value("fromCookie"));
    }

    @Test
    void twoClientsGetTwoSessions()
    {
        Probe one = Probe.get(base, "create=true", null);
        Probe two = Probe.get(base, "create=true", null);
        assertNotEquals(one.session(), two.session());
    }

    @Test
    void newSessionEncodesUrlsUntilTheCookieComesBack()
    {
        Probe first = Probe.get(base, "create=true", null);
        assertEquals("page;jsessionid=" + first.cookie("JSESSIONID").value(), first.value("encoded"),
            "cookie support is not known yet: the id goes in the URL too");
        Probe second = Probe.get(base, "create=false", first.cookie("JSESSIONID").pair());
        assertEquals("page", second.value("encoded"), "the session id came back in a cookie");
    }

    @Test
    void sessionCookieIsSentBesideTheApplicationsCookies()
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, "with-cookies", "Connection: close"));
        assertEquals(200, response.status());
        List<String> cookies = response.headers("Set-Cookie");
        assertEquals(3, cookies.size(), cookies.toString());
        assertTrue(cookies.stream().anyMatch(c -> c.startsWith("before=1")), cookies.toString());
        assertTrue(cookies.stream().anyMatch(c -> c.startsWith("after=2")), cookies.toString());
        assertTrue(cookies.stream().anyMatch(c -> c.startsWith("JSESSIONID=" + response.text())), cookies.toString());
    }

    @Test
    void defaultTrackingModesAreCookieAndUrl()
    {
        HttpResponse<String> response = Http.get(base, "modes");
        assertEquals("default=[COOKIE, URL]\neffective=[COOKIE, URL]\ncookie=JSESSIONID\n", response.body());
    }

    @Test
    void creatingASessionAfterCommitThrowsIllegalState()
    {
        HttpResponse<String> response = Http.get(base, "committed");
        assertEquals(200, response.statusCode());
        assertEquals("committed;getSession(true)=!IllegalStateException", response.body());
        assertTrue(response.headers().allValues("Set-Cookie").isEmpty());
    }
}
