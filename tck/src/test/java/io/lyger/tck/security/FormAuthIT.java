package io.lyger.tck.security;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.WebXml;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FORM login: the redirect to the login page, j_security_check, the error page, the session, the original request. */
@ExtendWith(ArquillianExtension.class)
class FormAuthIT
{
    static final String FORM = "application/x-www-form-urlencoded";

    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "security-form.war").addClasses(Who.class, Posted.class, Logout.class, SessionId.class)
            .addAsWebResource(new StringAsset("LOGIN PAGE <form method='POST' action='j_security_check'>"
                + "<input name='j_username'><input name='j_password' type='password'></form>"), "login.html")
            .addAsWebResource(new StringAsset("LOGIN FAILED"), "error.html")
            .setWebXML(WebXml.webApp()
                .servlet("Who", Who.class, "/secure/*", "/admin/*", "/open/*")
                .xml(Constraint.of("/secure/*").roles("user", "admin").xml())
                .xml(Constraint.of("/admin/*").roles("admin").xml())
                .xml("<login-config><auth-method>FORM</auth-method><realm-name>" + Who.REALM + "</realm-name><form-login-config>"
                    + "<form-login-page>/login.html</form-login-page><form-error-page>/error.html</form-error-page>"
                    + "</form-login-config></login-config>" + Constraint.declaredRoles())
                .asset());
    }

    @ArquillianResource
    URL base;

    /** A protected form target: what it receives once the original POST is replayed after the login. */
    @WebServlet("/secure/posted")
    public static class Posted extends HttpServlet
    {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.getWriter().print(request.getMethod() + " a=" + request.getParameter("a") + " user=" + request.getRemoteUser());
        }
    }

    @WebServlet("/logout")
    public static class Logout extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException
        {
            request.logout();
            HttpSession session = request.getSession(false);
            if (session != null)
                session.invalidate();
            response.getWriter().print("logged out, user=" + request.getRemoteUser());
        }
    }

    @WebServlet("/session-id")
    public static class SessionId extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            HttpSession session = request.getSession(false);
            response.getWriter().print(session == null ? "none" : session.getId());
        }
    }

    /** @return the Location header without a {@code ;jsessionid=} path parameter. */
    static String location(HttpResponse<String> response)
    {
        return response.headers().firstValue("Location").orElse("").replaceFirst(";jsessionid=[^?#]*", "");
    }

    /** A redirect after a POST: 303 See Other from an HTTP/1.1 server, or 302. */
    static boolean isRedirect(HttpResponse<String> response)
    {
        return response.statusCode() == 302 || response.statusCode() == 303;
    }

    static HttpResponse<String> login(Http.Session browser, URL base, String user, String password)
    {
        return browser.post(base, "j_security_check", FORM, "j_username=" + user + "&j_password=" + password);
    }

    @Test
    void unauthenticatedRequestIsRedirectedToTheLoginPage()
    {
        HttpResponse<String> response = Http.session().get(base, "secure/who");
        assertEquals(302, response.statusCode());
        assertTrue(location(response).endsWith("/security-form/login.html"), location(response));
    }

    @Test
    void loginPageIsServedWithoutAuthentication()
    {
        HttpResponse<String> response = Http.get(base, "login.html");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("LOGIN PAGE"), response.body());
    }

    @Test
    void wrongPasswordLeadsToTheErrorPage()
    {
        Http.Session browser = Http.session();
        browser.get(base, "secure/who");
        HttpResponse<String> failed = login(browser, base, "bob", "wrong");
        assertTrue(isRedirect(failed), failed.statusCode() + " " + failed.headers().map());
        assertTrue(location(failed).endsWith("/security-form/error.html"), location(failed));
        assertEquals("LOGIN FAILED", browser.get(base, "error.html").body());
        assertEquals(302, browser.get(base, "secure/who").statusCode(), "still not logged in");
    }

    @Test
    void loginRedirectsBackToTheOriginalRequestWithItsQuery()
    {
        Http.Session browser = Http.session();
        assertEquals(302, browser.get(base, "secure/who?x=1&y=two").statusCode());
        HttpResponse<String> login = login(browser, base, "bob", "pw");
        assertTrue(isRedirect(login), login.statusCode() + " " + login.headers().map());
        assertTrue(location(login).endsWith("/security-form/secure/who?x=1&y=two"), location(login));
    }

    @Test
    void afterLoginTheSessionIsAuthenticated()
    {
        Http.Session browser = Http.session();
        browser.get(base, "secure/who");
        login(browser, base, "bob", "pw");
        HttpResponse<String> who = browser.get(base, "secure/who");
        assertEquals(200, who.statusCode());
        assertEquals("user=bob principal=bob auth=FORM admin=false user-role=true method=GET", who.body());
        HttpResponse<String> open = browser.get(base, "open/x");
        assertTrue(open.body().startsWith("user=bob "), "an unconstrained page of the session sees the user too: " + open.body());
    }

    @Test
    void anotherClientIsNotAuthenticatedBySomeoneElsesLogin()
    {
        Http.Session browser = Http.session();
        browser.get(base, "secure/who");
        login(browser, base, "bob", "pw");
        assertEquals(200, browser.get(base, "secure/who").statusCode());
        assertEquals(302, Http.session().get(base, "secure/who").statusCode());
    }

    /** Session fixation: the session id before the login is not the one after it. */
    @Test
    void sessionIdChangesAtLogin()
    {
        Http.Session browser = Http.session();
        browser.get(base, "secure/who");
        String before = browser.get(base, "session-id").body();
        assertNotEquals("none", before, "the login redirect keeps the original request in a session");
        login(browser, base, "bob", "pw");
        String after = browser.get(base, "session-id").body();
        assertNotNull(after);
        assertNotEquals("none", after);
        assertNotEquals(before, after);
    }

    @Test
    void loggedInUserWithoutTheRoleIsForbidden()
    {
        Http.Session browser = Http.session();
        browser.get(base, "admin/x");
        login(browser, base, "bob", "pw");
        assertEquals(403, browser.get(base, "admin/x").statusCode());
    }

    @Test
    void logoutEndsTheLogin()
    {
        Http.Session browser = Http.session();
        browser.get(base, "secure/who");
        login(browser, base, "alice", "secret");
        assertEquals(200, browser.get(base, "admin/x").statusCode());
        assertEquals("logged out, user=null", browser.get(base, "logout").body());
        HttpResponse<String> again = browser.get(base, "admin/x");
        assertEquals(302, again.statusCode());
        assertTrue(location(again).endsWith("/login.html"), location(again));
    }

    /** A form POST that needed the login: after it, the client is sent back to the POST's URL (§13.6.3 keeps the URL only). */
    @Test
    void postThatNeededTheLoginIsRedirectedBackToItsUrl()
    {
        Http.Session browser = Http.session();
        HttpResponse<String> challenged = browser.post(base, "secure/posted", FORM, "a=kept");
        assertTrue(isRedirect(challenged), String.valueOf(challenged.statusCode()));
        assertTrue(location(challenged).endsWith("/security-form/login.html"), location(challenged));
        HttpResponse<String> login = login(browser, base, "bob", "pw");
        assertTrue(location(login).endsWith("/security-form/secure/posted"), location(login));
        HttpResponse<String> back = browser.get(base, "secure/posted");
        assertEquals(200, back.statusCode());
        assertTrue(back.body().endsWith(" user=bob"), back.body());
    }
}
