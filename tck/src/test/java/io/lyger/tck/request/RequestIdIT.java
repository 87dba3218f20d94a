package io.lyger.tck.request;

import java.net.URL;
import java.util.Map;

import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.RawHttp;
import io.lyger.tck.support.TextServlet;
import jakarta.servlet.ServletConnection;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Servlet 6.0 identifiers: getRequestId, getProtocolRequestId, getServletConnection. */
@ExtendWith(ArquillianExtension.class)
class RequestIdIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "request-ids.war").addClasses(TextServlet.class, KeyValues.class, Ids.class);
    }

    @ArquillianResource
    URL base;

    @WebServlet("/ids")
    public static class Ids extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            ServletConnection connection = request.getServletConnection();
            return new KeyValues().put("requestId", request.getRequestId())
                .put("protocolRequestId", request.getProtocolRequestId())
                .put("connectionId", connection.getConnectionId())
                .put("protocol", connection.getProtocol())
                .put("protocolConnectionId", connection.getProtocolConnectionId())
                .put("secure", connection.isSecure()).toString();
        }
    }

    private static Map<String, String> ids(RawHttp connection, URL base)
    {
        RawHttp.Response response = connection.send(RawHttp.get(base, "ids")).read();
        assertEquals(200, response.status());
        return KeyValues.parse(response.text());
    }

    @Test
    void requestIdsDifferOnOneConnectionTheConnectionIdDoesNot()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            Map<String, String> first = ids(connection, base);
            Map<String, String> second = ids(connection, base);
            assertFalse(first.get("requestId").isEmpty());
            assertNotEquals(first.get("requestId"), second.get("requestId"));
            assertFalse(first.get("connectionId").isEmpty());
            assertEquals(first.get("connectionId"), second.get("connectionId"));
        }
    }

    @Test
    void connectionIdsDifferBetweenConnections()
    {
        Map<String, String> first;
        Map<String, String> second;
        try (RawHttp one = RawHttp.open(base); RawHttp two = RawHttp.open(base))
        {
            first = ids(one, base);
            second = ids(two, base);
        }
        assertNotEquals(first.get("connectionId"), second.get("connectionId"));
        assertNotEquals(first.get("requestId"), second.get("requestId"));
    }

    /** HTTP/1.1 has no protocol-level request or connection id: both are "". */
    @Test
    void http11HasNoProtocolIds()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            Map<String, String> ids = ids(connection, base);
            assertEquals("", ids.get("protocolRequestId"));
            assertEquals("", ids.get("protocolConnectionId"));
        }
    }

    @Test
    void servletConnectionProtocolAndSecure()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            Map<String, String> ids = ids(connection, base);
            assertEquals("HTTP/1.1", ids.get("protocol"));
            assertEquals("false", ids.get("secure"));
        }
    }
}
