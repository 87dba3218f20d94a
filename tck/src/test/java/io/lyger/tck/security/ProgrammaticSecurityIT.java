package io.lyger.tck.security;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;

import io.lyger.tck.support.Attempt;
import io.lyger.tck.support.Http;
import io.lyger.tck.support.WebXml;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.lyger.tck.security.Who.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HttpServletRequest.login, logout and authenticate, in an application whose login-config is BASIC. */
@ExtendWith(ArquillianExtension.class)
class ProgrammaticSecurityIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "security-programmatic.war")
            .addClasses(Who.class, Attempt.class, Attempt.Action.class, Login.class, Authenticate.class)
            .setWebXML(WebXml.webApp().xml(Constraint.basicLogin()).asset());
    }

    @ArquillianResource
    URL base;

    /** login(u, p), then what the request says; {@code again}: a second login; {@code logout}: then logout. */
    @WebServlet("/login")
    public static class Login extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException
        {
            String user = request.getParameter("u");
            String password = request.getParameter("p");
            StringBuilder out = new StringBuilder("login=" + Attempt.of(() -> request.login(user, password)));
            if (request.getParameter("again") != null)
                out.append(" again=").append(Attempt.of(() -> request.login(user, password)));
            if (request.getParameter("logout") != null)
            {
                request.logout();
                out.append(" logout");
            }
            response.getWriter().print(out + " " + Who.describe(request));
        }
    }

    /** authenticate(): false means the container has answered (a BASIC challenge). */
    @WebServlet("/authenticate")
    public static class Authenticate extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException
        {
            if (request.authenticate(response))
                response.getWriter().print("authenticated " + Who.describe(request));
        }
    }

    /** getAuthType after login() is the container's own name for it (Jetty: "API"), not null. */
    private static String anyAuth(String body)
    {
        return body.replaceFirst("auth=(?!null )\\S+", "auth=<set>");
    }

    @Test
    void loginWithGoodCredentialsSetsTheIdentity()
    {
        HttpResponse<String> response = Http.get(base, "login?u=alice&p=secret");
        assertEquals(200, response.statusCode());
        assertEquals("login=accepted user=alice principal=alice auth=<set> admin=true user-role=true", anyAuth(response.body()));
    }

    @Test
    void loginWithAWrongPasswordIsAServletException()
    {
        assertEquals("login=ServletException user=null principal=null auth=null admin=false user-role=false",
            Http.get(base, "login?u=alice&p=nope").body());
    }

    @Test
    void secondLoginIsAServletException()
    {
        assertEquals("login=accepted again=ServletException user=bob principal=bob auth=<set> admin=false user-role=true",
            anyAuth(Http.get(base, "login?u=bob&p=pw&again=1").body()));
    }

    @Test
    void logoutClearsTheIdentity()
    {
        assertEquals("login=accepted logout user=null principal=null auth=null admin=false user-role=false",
            Http.get(base, "login?u=alice&p=secret&logout=1").body());
    }

    @Test
    void authenticateWithoutCredentialsChallenges()
    {
        HttpResponse<String> response = Http.get(base, "authenticate");
        assertEquals(401, response.statusCode());
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge.startsWith("Basic realm=\"" + Who.REALM + "\""), challenge);
        assertFalse(response.body().contains("authenticated "), "the servlet wrote nothing after a false authenticate()");
    }

    @Test
    void authenticateWithCredentialsIsTrue()
    {
        HttpResponse<String> response = Http.get(base, "authenticate", "Authorization", basic("bob", "pw"));
        assertEquals(200, response.statusCode());
        assertEquals("authenticated user=bob principal=bob auth=BASIC admin=false user-role=true", response.body());
    }

    @Test
    void authenticateWithWrongCredentialsChallenges()
    {
        assertEquals(401, Http.get(base, "authenticate", "Authorization", basic("bob", "wrong")).statusCode());
    }
}
