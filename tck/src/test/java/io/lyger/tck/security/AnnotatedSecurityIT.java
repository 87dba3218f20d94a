package io.lyger.tck.security;

import java.net.URL;
import java.net.http.HttpResponse;

import io.lyger.tck.support.WebXml;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.lyger.tck.security.Requests.send;
import static io.lyger.tck.security.Who.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** @ServletSecurity (on the Secured* servlets) with @HttpConstraint and @HttpMethodConstraint (§13.4), and web.xml taking precedence over it. */
@ExtendWith(ArquillianExtension.class)
class AnnotatedSecurityIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "security-annotated.war").addClasses(Who.class, SecuredAdminOnly.class,
                SecuredDenied.class, SecuredPostNeedsUser.class, SecuredGetOpen.class, SecuredOverridden.class, SecuredConfidential.class,
                Annotated.class, Annotated.NestedAdminOnly.class)
            .setWebXML(WebXml.webApp()
                .xml(Constraint.of("/overridden").xml())
                .xml(Constraint.basicLogin())
                .asset());
    }

    @ArquillianResource
    URL base;

    @Test
    void rolesAllowedOnTheServlet()
    {
        assertEquals(401, send(base, "GET", "admin-only", null).statusCode());
        assertEquals(403, send(base, "GET", "admin-only", basic("bob", "pw")).statusCode());
        HttpResponse<String> admitted = send(base, "GET", "admin-only", basic("alice", "secret"));
        assertEquals(200, admitted.statusCode());
        assertTrue(admitted.body().startsWith("user=alice "), admitted.body());
    }

    @Test
    void emptyRoleSemanticDenyRefusesEveryone()
    {
        assertEquals(403, send(base, "GET", "denied", null).statusCode());
        assertEquals(403, send(base, "GET", "denied", basic("alice", "secret")).statusCode());
    }

    @Test
    void methodConstraintOnlyConstrainsItsMethod()
    {
        assertEquals(200, send(base, "GET", "post-needs-user", null).statusCode());
        assertEquals(401, send(base, "POST", "post-needs-user", null).statusCode());
        HttpResponse<String> admitted = send(base, "POST", "post-needs-user", basic("bob", "pw"));
        assertEquals(200, admitted.statusCode());
        assertTrue(admitted.body().endsWith("method=POST"), admitted.body());
    }

    @Test
    void methodConstraintWithoutRolesOpensItsMethodOnly()
    {
        assertEquals(200, send(base, "GET", "get-open", null).statusCode());
        assertEquals(401, send(base, "POST", "get-open", null).statusCode());
        assertEquals(403, send(base, "PUT", "get-open", basic("bob", "pw")).statusCode());
        assertEquals(200, send(base, "PUT", "get-open", basic("alice", "secret")).statusCode());
    }

    /** §13.4.1: a web.xml constraint matching the URL makes the annotations of its servlet irrelevant there. */
    @Test
    void descriptorConstraintOverridesTheAnnotation()
    {
        HttpResponse<String> response = send(base, "GET", "overridden", null);
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("user=null "), response.body());
    }

    /**
     * Servlet classes are often static nested classes; the annotation applies to the class whatever its nesting. Jetty
     * 12.1.7 looks the servlet's holders up by {@code Class.getCanonicalName()} ({@code Annotated.NestedAdminOnly}),
     * which is not the holder's class name ({@code Annotated$NestedAdminOnly}), and so ignores the annotation.
     */
    @Test
    void annotationOnANestedServletClassApplies()
    {
        assertEquals(401, send(base, "GET", "nested-admin-only", null).statusCode());
        assertEquals(200, send(base, "GET", "nested-admin-only", basic("alice", "secret")).statusCode());
    }

    /** CONFIDENTIAL over plain HTTP with no secure port configured: Jetty refuses with 403. */
    @Test
    void confidentialTransportOverPlainHttpIsRefused()
    {
        assertEquals(403, send(base, "GET", "confidential", null).statusCode());
    }
}
