package io.lyger.tck.security;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.RawHttp;
import io.lyger.tck.support.WebXml;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BASIC authentication against security constraints of web.xml: the challenge, good and bad credentials, roles. */
@ExtendWith(ArquillianExtension.class)
class BasicAuthIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "security-basic.war").addClasses(Who.class, Roles.class)
            .setWebXML(WebXml.webApp()
                .servlet("Who", Who.class, "/admin/*", "/user/*", "/any/*", "/open/*", "/closed/*")
                .xml("<servlet><servlet-name>Roles</servlet-name><servlet-class>" + Roles.class.getName() + "</servlet-class>"
                    + "<security-role-ref><role-name>boss</role-name><role-link>admin</role-link></security-role-ref></servlet>"
                    + "<servlet-mapping><servlet-name>Roles</servlet-name><url-pattern>/user/roles</url-pattern></servlet-mapping>")
                .xml(Constraint.of("/admin/*").roles("admin").xml())
                .xml(Constraint.of("/user/*").roles("user", "admin").xml())
                .xml(Constraint.of("/any/*").roles("**").xml())
                .xml(Constraint.of("/closed/*").roles().xml())
                .xml(Constraint.basicLogin())
                .asset());
    }

    @ArquillianResource
    URL base;

    /** isUserInRole through a security-role-ref (boss → admin), and the special names "*" and "**". */
    public static class Roles extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.getWriter().print("boss=" + request.isUserInRole("boss") + " admin=" + request.isUserInRole("admin")
                + " star=" + request.isUserInRole("*") + " any=" + request.isUserInRole("**") + " nosuch=" + request.isUserInRole("nosuch"));
        }
    }

    private static String challenge(HttpResponse<String> response)
    {
        return response.headers().firstValue("WWW-Authenticate").orElse(null);
    }

    @Test
    void noCredentialsIsChallengedWithTheRealm()
    {
        HttpResponse<String> response = Http.get(base, "admin/x");
        assertEquals(401, response.statusCode());
        String challenge = challenge(response);
        assertTrue(challenge != null && challenge.startsWith("Basic realm=\"" + Who.REALM + "\""), String.valueOf(challenge));
    }

    @Test
    void goodCredentialsOfTheRoleAreLetIn()
    {
        HttpResponse<String> response = Http.get(base, "admin/x", "Authorization", basic("alice", "secret"));
        assertEquals(200, response.statusCode());
        assertEquals("user=alice principal=alice auth=BASIC admin=true user-role=true method=GET", response.body());
    }

    @Test
    void wrongPasswordIsChallengedAgain()
    {
        HttpResponse<String> response = Http.get(base, "admin/x", "Authorization", basic("alice", "wrong"));
        assertEquals(401, response.statusCode());
        assertTrue(String.valueOf(challenge(response)).startsWith("Basic realm="), String.valueOf(challenge(response)));
    }

    @Test
    void unknownUserIsChallenged()
    {
        assertEquals(401, Http.get(base, "admin/x", "Authorization", basic("mallory", "secret")).statusCode());
    }

    @Test
    void authenticatedUserWithoutTheRoleIsForbidden()
    {
        HttpResponse<String> response = Http.get(base, "admin/x", "Authorization", basic("bob", "pw"));
        assertEquals(403, response.statusCode());
    }

    @Test
    void anyOfTheListedRolesIsEnough()
    {
        HttpResponse<String> response = Http.get(base, "user/x", "Authorization", basic("bob", "pw"));
        assertEquals(200, response.statusCode());
        assertEquals("user=bob principal=bob auth=BASIC admin=false user-role=true method=GET", response.body());
        assertEquals(200, Http.get(base, "user/x", "Authorization", basic("alice", "secret")).statusCode());
        assertEquals(403, Http.get(base, "user/x", "Authorization", basic("dave", "pw4")).statusCode());
    }

    /** Role "**": any authenticated user, even one with no role at all. */
    @Test
    void doubleStarRoleLetsAnyAuthenticatedUserIn()
    {
        HttpResponse<String> response = Http.get(base, "any/x", "Authorization", basic("carol", "pw3"));
        assertEquals(200, response.statusCode());
        assertEquals("user=carol principal=carol auth=BASIC admin=false user-role=false method=GET", response.body());
        assertEquals(401, Http.get(base, "any/x").statusCode());
    }

    @Test
    void unconstrainedResourceNeedsNoCredentials()
    {
        HttpResponse<String> response = Http.get(base, "open/x");
        assertEquals(200, response.statusCode());
        assertEquals("user=null principal=null auth=null admin=false user-role=false method=GET", response.body());
    }

    /** An empty auth-constraint: nobody, however good the credentials. */
    @Test
    void emptyAuthConstraintForbidsEveryone()
    {
        assertEquals(403, Http.get(base, "closed/x").statusCode());
        assertEquals(403, Http.get(base, "closed/x", "Authorization", basic("alice", "secret")).statusCode());
    }

    @Test
    void securityRoleRefLinksARoleNameToARole()
    {
        HttpResponse<String> response = Http.get(base, "user/roles", "Authorization", basic("alice", "secret"));
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("boss=true admin=true star=false "), response.body());
        assertTrue(response.body().endsWith(" nosuch=false"), response.body());
        assertTrue(Http.get(base, "user/roles", "Authorization", basic("bob", "pw")).body().startsWith("boss=false admin=false star=false "));
    }

    /**
     * Servlet 6.1 §13.3 (isUserInRole): "**" names any authenticated user when the application declares no role of
     * that name; "*" never matches.
     */
    @Test
    void doubleStarRoleNameIsAnyAuthenticatedUser()
    {
        HttpResponse<String> response = Http.get(base, "user/roles", "Authorization", basic("bob", "pw"));
        assertEquals(200, response.statusCode());
        assertEquals("boss=false admin=false star=false any=true nosuch=false", response.body());
    }

    @Test
    void credentialsWithoutAColonAreChallenged()
    {
        String noColon = "Basic " + Base64.getEncoder().encodeToString("alice-secret".getBytes(StandardCharsets.UTF_8));
        assertEquals(401, Http.get(base, "admin/x", "Authorization", noColon).statusCode());
    }

    /** Credentials that are not base64 are a client error (401 or 400), not a server failure. */
    @Test
    void credentialsThatAreNotBase64AreAClientError()
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, "admin/x", "Authorization: Basic !!!not-base64!!!", "Connection: close"));
        assertTrue(response.status() == 401 || response.status() == 400, response.statusLine());
    }

    /** RFC 9110 §11.1: the scheme is case-insensitive. */
    @Test
    void schemeNameIsCaseInsensitive()
    {
        String credentials = basic("alice", "secret").substring("Basic ".length());
        assertEquals(200, Http.get(base, "admin/x", "Authorization", "basic " + credentials).statusCode());
        assertEquals(200, Http.get(base, "admin/x", "Authorization", "BASIC " + credentials).statusCode());
    }

    /** Each request carries its own credentials: a 401 on a kept-alive connection does not close it, the retry succeeds. */
    @Test
    void challengeThenCredentialsOnOneConnection()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response challenged = connection.send(RawHttp.get(base, "admin/x")).read();
            assertEquals(401, challenged.status());
            RawHttp.Response admitted = connection.send(RawHttp.get(base, "admin/x", "Authorization: " + basic("alice", "secret"))).read();
            assertEquals(200, admitted.status());
            assertTrue(admitted.text().startsWith("user=alice "), admitted.text());
            RawHttp.Response again = connection.send(RawHttp.get(base, "admin/x")).read();
            assertEquals(401, again.status(), "no credentials, no user: BASIC keeps no state between requests");
        }
    }

    @Test
    void constraintAppliesToEveryMethod()
    {
        RawHttp.Response refused = RawHttp.exchange(base, post(null, "Connection: close"));
        assertEquals(401, refused.status());
        RawHttp.Response admitted = RawHttp.exchange(base, post(basic("alice", "secret"), "Connection: close"));
        assertEquals(200, admitted.status());
        assertTrue(admitted.text().endsWith("method=POST"), admitted.text());
    }

    /**
     * A POST to a protected URL without credentials (a form sent after the login expired): the 401 is sent without
     * reading the body. The connection must then either be announced closed or stay usable for the retry.
     */
    @Test
    void challengeToAPostLeavesTheConnectionUsableOrAnnouncesItsClose()
    {
        challengeThenRetry(0);
    }

    /** The same, with the body sent a moment after the head, as the JDK client and browsers may do. */
    @Test
    void challengeToAPostWithALateBodyLeavesTheConnectionUsableOrAnnouncesItsClose()
    {
        challengeThenRetry(50);
    }

    private void challengeThenRetry(long bodyDelayMs)
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            String request = post(null);
            connection.send(request.substring(0, request.length() - 4));
            if (bodyDelayMs > 0)
                pause(bodyDelayMs);
            connection.send("data");
            RawHttp.Response refused = connection.read();
            assertEquals(401, refused.status());
            if ("close".equalsIgnoreCase(refused.header("Connection")))
            {
                assertTrue(connection.closedByServer(Duration.ofSeconds(1)), "announced close, then closed");
                return;
            }
            RawHttp.Response retried = connection.send(post(basic("alice", "secret"))).read();
            assertEquals(200, retried.status());
            assertTrue(retried.text().endsWith("method=POST"), retried.text());
        }
    }

    private static void pause(long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (InterruptedException x)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** POST /admin/x with a 4 byte body, sent in one write with its head; {@code authorization} may be null. */
    private String post(String authorization, String... headerLines)
    {
        List<String> lines = new ArrayList<>(List.of(headerLines));
        lines.add("Content-Type: text/plain");
        lines.add("Content-Length: 4");
        if (authorization != null)
            lines.add("Authorization: " + authorization);
        return RawHttp.request("POST", base, "admin/x", lines.toArray(String[]::new)) + "data";
    }
}
