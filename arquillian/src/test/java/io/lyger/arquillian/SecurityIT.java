package io.lyger.arquillian;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BASIC and FORM logins against the login service of arquillian.xml (realm {@code test-realm}: alice with roles
 * admin and user, bob with user).
 */
@ExtendWith(ArquillianExtension.class)
class SecurityIT
{
    static final String CONSTRAINT = "<security-constraint><web-resource-collection><web-resource-name>admin</web-resource-name>"
        + "<url-pattern>/admin/*</url-pattern></web-resource-collection><auth-constraint><role-name>admin</role-name></auth-constraint>"
        + "</security-constraint><security-role><role-name>admin</role-name></security-role>";

    static StringAsset webXml(String loginConfig)
    {
        return new StringAsset("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.1\">" + CONSTRAINT + loginConfig + "</web-app>");
    }

    @Deployment(name = "basic", testable = false)
    static WebArchive basic()
    {
        return ShrinkWrap.create(WebArchive.class, "basic.war").addClass(WhoAmI.class)
            .setWebXML(webXml("<login-config><auth-method>BASIC</auth-method><realm-name>test-realm</realm-name></login-config>"));
    }

    @Deployment(name = "form", testable = false)
    static WebArchive form()
    {
        return ShrinkWrap.create(WebArchive.class, "form.war").addClass(WhoAmI.class)
            .addAsWebResource(new StringAsset("<form method='POST' action='j_security_check'>login</form>"), "login.html")
            .addAsWebResource(new StringAsset("login failed"), "error.html")
            .setWebXML(webXml("<login-config><auth-method>FORM</auth-method><realm-name>test-realm</realm-name><form-login-config>"
                + "<form-login-page>/login.html</form-login-page><form-error-page>/error.html</form-error-page></form-login-config></login-config>"));
    }

    @WebServlet("/admin/who")
    public static class WhoAmI extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.getWriter().print(request.getRemoteUser() + " admin=" + request.isUserInRole("admin") + " " + request.getAuthType());
        }
    }

    static String basic(String user, String password)
    {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A redirect after a POST: 303 See Other from an HTTP/1.1 server, 302 allowed. */
    static boolean isRedirect(HttpResponse<String> response)
    {
        return response.statusCode() == 303 || response.statusCode() == 302;
    }

    /** @return the Location header without the session id Jetty adds to it before the cookie is known. */
    static String location(HttpResponse<String> response)
    {
        return response.headers().firstValue("Location").orElse("").replaceFirst(";jsessionid=[^?#]*", "");
    }

    @Test
    void basicWithoutCredentialsIsChallengedWithTheRealm(@ArquillianResource @OperateOnDeployment("basic") URL base)
    {
        HttpResponse<String> response = TestHttp.get(base, "admin/who");
        assertEquals(401, response.statusCode());
        assertEquals("Basic realm=\"test-realm\"", response.headers().firstValue("WWW-Authenticate").orElse("").replace(", charset=\"UTF-8\"", ""));
    }

    @Test
    void basicWithAUserOfTheRoleIsLetIn(@ArquillianResource @OperateOnDeployment("basic") URL base)
    {
        HttpResponse<String> response = TestHttp.get(base, "admin/who", "Authorization", basic("alice", "secret"));
        assertEquals(200, response.statusCode());
        assertEquals("alice admin=true BASIC", response.body());
    }

    @Test
    void basicWithAWrongPasswordOrRoleIsRefused(@ArquillianResource @OperateOnDeployment("basic") URL base)
    {
        assertEquals(401, TestHttp.get(base, "admin/who", "Authorization", basic("alice", "wrong")).statusCode());
        assertEquals(403, TestHttp.get(base, "admin/who", "Authorization", basic("bob", "pw")).statusCode());
    }

    @Test
    void formLoginRedirectsToTheLoginPageThenBackWithASession(@ArquillianResource @OperateOnDeployment("form") URL base)
    {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> challenge = TestHttp.send(browser, HttpRequest.newBuilder(TestHttp.uri(base, "admin/who")).build());
        assertEquals(302, challenge.statusCode());
        assertTrue(location(challenge).endsWith("/form/login.html"), challenge.headers().toString());

        HttpResponse<String> wrong = TestHttp.send(browser, HttpRequest.newBuilder(TestHttp.uri(base, "j_security_check"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("j_username=alice&j_password=nope")).build());
        assertTrue(isRedirect(wrong) && location(wrong).endsWith("/form/error.html"),
            wrong.statusCode() + " " + wrong.headers());

        TestHttp.send(browser, HttpRequest.newBuilder(TestHttp.uri(base, "admin/who")).build());
        HttpResponse<String> login = TestHttp.send(browser, HttpRequest.newBuilder(TestHttp.uri(base, "j_security_check"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("j_username=alice&j_password=secret")).build());
        assertTrue(isRedirect(login), login.statusCode() + " " + login.headers());
        assertTrue(location(login).endsWith("/form/admin/who"), login.headers().toString());

        HttpResponse<String> who = TestHttp.send(browser, HttpRequest.newBuilder(TestHttp.uri(base, "admin/who")).build());
        assertEquals(200, who.statusCode());
        assertEquals("alice admin=true FORM", who.body());
    }
}
