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

/**
 * Which constraint applies (Servlet 6.1 §13.8): http-method and http-method-omission, the best matching pattern,
 * and how constraints on the same pattern combine.
 */
@ExtendWith(ArquillianExtension.class)
class MethodConstraintIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "security-methods.war").addClasses(Who.class)
            .setWebXML(WebXml.webApp()
                .servlet("Who", Who.class, "/", "*.secret")
                .xml(Constraint.of("/get-only/*").methods("GET").roles("admin").xml())
                .xml(Constraint.of("/all-but-get/*").omissions("GET").roles("admin").xml())
                .xml(Constraint.of("/both/*").roles("admin").xml())
                .xml(Constraint.of("/both/*").roles("manager").xml())
                .xml(Constraint.of("/deny-wins/*").roles("admin").xml())
                .xml(Constraint.of("/deny-wins/*").roles().xml())
                .xml(Constraint.of("/open-wins/*").roles("admin").xml())
                .xml(Constraint.of("/open-wins/*").xml())
                .xml(Constraint.of("/deep/*").roles("admin").xml())
                .xml(Constraint.of("/deep/open/*").xml())
                .xml(Constraint.of("*.secret").roles("admin").xml())
                .xml(Constraint.of("/exact").roles("manager").xml())
                .xml(Constraint.basicLogin())
                .asset());
    }

    @ArquillianResource
    URL base;

    @Test
    void listedMethodIsConstrained()
    {
        assertEquals(401, send(base, "GET", "get-only/x", null).statusCode());
        assertEquals(403, send(base, "GET", "get-only/x", basic("bob", "pw")).statusCode());
        assertEquals(200, send(base, "GET", "get-only/x", basic("alice", "secret")).statusCode());
    }

    /** Without deny-uncovered-http-methods, a method the collection does not list is unconstrained. */
    @Test
    void unlistedMethodIsOpen()
    {
        HttpResponse<String> response = send(base, "POST", "get-only/x", null);
        assertEquals(200, response.statusCode());
        assertEquals("user=null principal=null auth=null admin=false user-role=false method=POST", response.body());
        assertEquals(200, send(base, "DELETE", "get-only/x", null).statusCode());
    }

    @Test
    void omittedMethodIsOpen()
    {
        assertEquals(200, send(base, "GET", "all-but-get/x", null).statusCode());
    }

    @Test
    void everyMethodButTheOmittedOneIsConstrained()
    {
        assertEquals(401, send(base, "POST", "all-but-get/x", null).statusCode());
        assertEquals(401, send(base, "PUT", "all-but-get/x", null).statusCode());
        assertEquals(401, send(base, "DELETE", "all-but-get/x", null).statusCode());
        HttpResponse<String> admitted = send(base, "DELETE", "all-but-get/x", basic("alice", "secret"));
        assertEquals(200, admitted.statusCode());
        assertTrue(admitted.body().endsWith("method=DELETE"), admitted.body());
    }

    /** §13.8.1: roles of constraints on the same pattern add up. */
    @Test
    void rolesOfConstraintsOnOnePatternCombine()
    {
        assertEquals(200, send(base, "GET", "both/x", basic("alice", "secret")).statusCode());
        assertEquals(200, send(base, "GET", "both/x", basic("dave", "pw4")).statusCode());
        assertEquals(403, send(base, "GET", "both/x", basic("bob", "pw")).statusCode());
    }

    /** §13.8.1: an empty auth-constraint combined with any other denies everyone. */
    @Test
    void emptyAuthConstraintWinsTheCombination()
    {
        assertEquals(403, send(base, "GET", "deny-wins/x", basic("alice", "secret")).statusCode());
    }

    /** §13.8.1: a constraint without auth-constraint combined with role constraints permits unauthenticated access. */
    @Test
    void constraintWithoutAuthConstraintWinsTheCombination()
    {
        HttpResponse<String> response = send(base, "GET", "open-wins/x", null);
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("user=null "), response.body());
    }

    /** The constraint of the best matching pattern applies: the longer path prefix. */
    @Test
    void longestPathPrefixDecides()
    {
        assertEquals(401, send(base, "GET", "deep/x", null).statusCode());
        assertEquals(200, send(base, "GET", "deep/open/x", null).statusCode());
        assertEquals(401, send(base, "GET", "deep/opening", null).statusCode(), "/deep/open/* does not match /deep/opening");
    }

    @Test
    void extensionPatternConstrainsEveryDirectory()
    {
        assertEquals(401, send(base, "GET", "any/where/file.secret", null).statusCode());
        assertEquals(200, send(base, "GET", "any/where/file.secret", basic("alice", "secret")).statusCode());
        assertEquals(200, send(base, "GET", "any/where/file.public", null).statusCode());
    }

    @Test
    void exactPatternConstrainsThatPathOnly()
    {
        assertEquals(401, send(base, "GET", "exact", null).statusCode());
        assertEquals(200, send(base, "GET", "exact", basic("dave", "pw4")).statusCode());
        assertEquals(200, send(base, "GET", "exact/below", null).statusCode());
        assertEquals(200, send(base, "GET", "exactly", null).statusCode());
    }
}
