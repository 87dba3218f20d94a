package io.lyger.tck.request;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.RawHttp;
import io.lyger.tck.support.TextServlet;
import io.lyger.tck.support.WebXml;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a request says about its connection: protocol, scheme, server name and port (Host), local and remote addresses. */
@ExtendWith(ArquillianExtension.class)
class ConnectionInfoIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "request-connection.war")
            .addClasses(TextServlet.class, KeyValues.class, RequestDump.class)
            .setWebXML(WebXml.webApp().servlet(RequestDump.class, "/dump/*").asset());
    }

    @ArquillianResource
    URL base;

    private Map<String, String> raw(String request)
    {
        RawHttp.Response response = RawHttp.exchange(base, request);
        assertEquals(200, response.status(), response.text());
        return KeyValues.parse(response.text());
    }

    private String withHost(String host)
    {
        return "GET " + RawHttp.path(base, "dump") + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
    }

    @Test
    void protocolSchemeAndSecure()
    {
        var response = Http.get(base, "dump");
        Map<String, String> dump = KeyValues.parse(response.body());
        assertEquals("HTTP/1.1", dump.get("protocol"));
        assertEquals("http", dump.get("scheme"));
        assertEquals("false", dump.get("secure"));
    }

    @Test
    void http10Request()
    {
        Map<String, String> dump = raw("GET " + RawHttp.path(base, "dump") + " HTTP/1.0\r\nHost: " + RawHttp.host(base) + "\r\n\r\n");
        assertEquals("HTTP/1.0", dump.get("protocol"));
    }

    @Test
    void serverNameAndPortComeFromTheHostHeader()
    {
        Map<String, String> dump = raw(withHost("www.example.com:8081"));
        assertEquals("www.example.com", dump.get("serverName"));
        assertEquals("8081", dump.get("serverPort"));
        assertEquals("http://www.example.com:8081/request-connection/dump", dump.get("requestURL"));
        assertEquals(String.valueOf(base.getPort()), dump.get("localPort"), "the local port stays the listener's");
    }

    @Test
    void hostWithoutPortMeansTheSchemeDefaultPort()
    {
        Map<String, String> dump = raw(withHost("www.example.com"));
        assertEquals("www.example.com", dump.get("serverName"));
        assertEquals("80", dump.get("serverPort"));
        assertEquals("http://www.example.com/request-connection/dump", dump.get("requestURL"));
    }

    @Test
    void ipv6HostLiteral()
    {
        Map<String, String> dump = raw(withHost("[::1]:9090"));
        assertEquals("[::1]", dump.get("serverName"));
        assertEquals("9090", dump.get("serverPort"));
    }

    /** An absolute-form target whose authority is the Host: served, names from the target. */
    @Test
    void absoluteFormWithItsHost()
    {
        Map<String, String> dump = raw("GET http://" + RawHttp.host(base) + RawHttp.path(base, "dump?x=1") + " HTTP/1.1\r\nHost: "
            + RawHttp.host(base) + "\r\n\r\n");
        assertEquals("127.0.0.1", dump.get("serverName"));
        assertEquals(String.valueOf(base.getPort()), dump.get("serverPort"));
        assertEquals("x=1", dump.get("queryString"));
    }

    /**
     * An absolute-form authority other than the Host header. RFC 9112 §3.2.2 says to ignore Host; Jetty's default
     * HttpCompliance (RFC9110, without MISMATCHED_AUTHORITY) rejects the request with 400 "Authority!=Host" instead,
     * a hardening against routing confusion, and the connector must apply the configured compliance.
     */
    @Test
    void absoluteFormAuthorityOtherThanHostIs400()
    {
        RawHttp.Response response = RawHttp.exchange(base, "GET http://other.example:1234" + RawHttp.path(base, "dump")
            + " HTTP/1.1\r\nHost: " + RawHttp.host(base) + "\r\n\r\n");
        assertEquals(400, response.status());
    }

    /** Jetty rejects a blank Host ("Blank Host"), stricter than RFC 9112 §3.2 (which allows it for origin-form). */
    @Test
    void blankHostIs400()
    {
        assertEquals(400, RawHttp.exchange(base, "GET " + RawHttp.path(base, "dump") + " HTTP/1.1\r\nHost: \r\n\r\n").status());
    }

    @Test
    void localAddressAndPortAreTheListeners()
    {
        Map<String, String> dump = KeyValues.parse(Http.get(base, "dump").body());
        assertEquals(String.valueOf(base.getPort()), dump.get("localPort"));
        assertEquals("127.0.0.1", dump.get("localAddr"));
    }

    /** getRemoteAddr and getRemotePort are the client's socket. */
    @Test
    void remoteAddressAndPortAreTheClients() throws IOException
    {
        try (Socket socket = new Socket(base.getHost(), base.getPort()))
        {
            socket.setSoTimeout((int) RawHttp.TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + RawHttp.path(base, "dump") + " HTTP/1.1\r\nHost: " + RawHttp.host(base) + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> dump = KeyValues.parse(response.substring(response.indexOf("\r\n\r\n") + 4));
            assertEquals("127.0.0.1", dump.get("remoteAddr"));
            assertEquals(String.valueOf(socket.getLocalPort()), dump.get("remotePort"));
        }
    }

    /** No forwarding customizer is configured: X-Forwarded-* headers change nothing. */
    @Test
    void forwardedHeadersAreIgnoredByDefault()
    {
        Map<String, String> dump = raw(RawHttp.get(base, "dump", "X-Forwarded-Proto: https", "X-Forwarded-For: 10.1.2.3",
            "X-Forwarded-Host: proxy.example"));
        assertEquals("http", dump.get("scheme"));
        assertEquals("false", dump.get("secure"));
        assertEquals("127.0.0.1", dump.get("remoteAddr"));
        assertEquals("127.0.0.1", dump.get("serverName"));
    }

    /** An HTTP/1.0 request may have no Host: the server name and port are then the server's own. */
    @Test
    void http10WithoutHost()
    {
        Map<String, String> dump = raw("GET " + RawHttp.path(base, "dump") + " HTTP/1.0\r\n\r\n");
        assertEquals(String.valueOf(base.getPort()), dump.get("serverPort"));
        assertTrue(!dump.get("serverName").isEmpty() && !dump.get("serverName").equals("null"), dump.toString());
    }

    /** HTTP/1.1 requires exactly one Host (RFC 9112 §3.2). */
    @Test
    void http11WithoutHostIs400()
    {
        assertEquals(400, RawHttp.exchange(base, "GET " + RawHttp.path(base, "dump") + " HTTP/1.1\r\n\r\n").status());
    }

    @Test
    void twoHostHeadersIs400()
    {
        assertEquals(400, RawHttp.exchange(base, RawHttp.get(base, "dump", "Host: other.example")).status());
    }
}
