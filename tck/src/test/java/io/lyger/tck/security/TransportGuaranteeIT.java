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
 * user-data-constraint over plain HTTP. The HTTP connector has no secure port configured (no confidential redirect
 * target), so Jetty refuses CONFIDENTIAL and INTEGRAL with 403; NONE changes nothing.
 */
@ExtendWith(ArquillianExtension.class)
class TransportGuaranteeIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "security-transport.war").addClasses(Who.class)
            .setWebXML(WebXml.webApp()
                .servlet("Who", Who.class, "/")
                .xml(Constraint.of("/confidential/*").transport("CONFIDENTIAL").xml())
                .xml(Constraint.of("/integral/*").transport("INTEGRAL").xml())
                .xml(Constraint.of("/none/*").transport("NONE").xml())
                .xml(Constraint.of("/confidential-admin/*").roles("admin").transport("CONFIDENTIAL").xml())
                .xml(Constraint.of("/confidential-post/*").methods("POST").transport("CONFIDENTIAL").xml())
                .xml(Constraint.basicLogin())
                .asset());
    }

    @ArquillianResource
    URL base;

    @Test
    void confidentialOverPlainHttpIsRefused()
    {
        HttpResponse<String> response = send(base, "GET", "confidential/x", null);
        assertEquals(403, response.statusCode());
        assertTrue(response.headers().firstValue("Location").isEmpty(), "no secure port to redirect to");
    }

    @Test
    void integralOverPlainHttpIsRefused()
    {
        assertEquals(403, send(base, "GET", "integral/x", null).statusCode());
    }

    @Test
    void noneGuaranteeIsServedOverPlainHttp()
    {
        HttpResponse<String> response = send(base, "GET", "none/x", null);
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("user=null "), response.body());
    }

    /** The transport is checked before the user: good credentials do not help over plain HTTP. */
    @Test
    void confidentialWithARoleIsRefusedBeforeAnyChallenge()
    {
        assertEquals(403, send(base, "GET", "confidential-admin/x", null).statusCode());
        assertEquals(403, send(base, "GET", "confidential-admin/x", basic("alice", "secret")).statusCode());
    }

    @Test
    void guaranteeOnOneMethodLeavesTheOthersOpen()
    {
        assertEquals(403, send(base, "POST", "confidential-post/x", null).statusCode());
        assertEquals(200, send(base, "GET", "confidential-post/x", null).statusCode());
    }
}
