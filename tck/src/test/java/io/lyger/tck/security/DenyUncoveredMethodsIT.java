package io.lyger.tck.security;

import java.net.URL;

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

/** {@code <deny-uncovered-http-methods/>}: methods a constraint leaves uncovered on its pattern are refused (§13.8.4). */
@ExtendWith(ArquillianExtension.class)
class DenyUncoveredMethodsIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "security-deny.war").addClasses(Who.class)
            .setWebXML(WebXml.webApp()
                .xml("<deny-uncovered-http-methods/>")
                .servlet("Who", Who.class, "/")
                .xml(Constraint.of("/partial/*").methods("GET").roles("user").xml())
                .xml(Constraint.of("/omit/*").omissions("GET").roles("admin").xml())
                .xml(Constraint.basicLogin())
                .asset());
    }

    @ArquillianResource
    URL base;

    @Test
    void coveredMethodFollowsItsConstraint()
    {
        assertEquals(401, send(base, "GET", "partial/x", null).statusCode());
        assertEquals(200, send(base, "GET", "partial/x", basic("bob", "pw")).statusCode());
    }

    @Test
    void uncoveredMethodsAreRefusedEvenWithCredentials()
    {
        assertEquals(403, send(base, "POST", "partial/x", null).statusCode());
        assertEquals(403, send(base, "PUT", "partial/x", basic("alice", "secret")).statusCode());
        assertEquals(403, send(base, "DELETE", "partial/x", basic("bob", "pw")).statusCode());
    }

    @Test
    void omittedMethodIsUncoveredSoRefused()
    {
        assertEquals(403, send(base, "GET", "omit/x", null).statusCode());
        assertEquals(403, send(base, "GET", "omit/x", basic("alice", "secret")).statusCode());
    }

    @Test
    void methodsCoveredThroughAnOmissionFollowTheConstraint()
    {
        assertEquals(401, send(base, "POST", "omit/x", null).statusCode());
        assertEquals(200, send(base, "POST", "omit/x", basic("alice", "secret")).statusCode());
    }

    /** A pattern no constraint names has no uncovered methods: it stays open. */
    @Test
    void unconstrainedPatternsStayOpen()
    {
        assertEquals(200, send(base, "GET", "elsewhere/x", null).statusCode());
        assertEquals(200, send(base, "POST", "elsewhere/x", null).statusCode());
    }
}
