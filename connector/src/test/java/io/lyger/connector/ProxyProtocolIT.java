package io.lyger.connector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ProxyConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PROXY protocol v1 and v2 (HAProxy's send-proxy / send-proxy-v2) on raw sockets: the servlet sees the addresses of the
 * header, malformed and oversized headers close the connection, headers split over several packets are read whole.
 * Run against the native engine ({@code setProxyProtocol(true)}) and, as the control, Jetty's own
 * {@link ProxyConnectionFactory} in LygerConnector's forced fallback (given the Jetty way, first among the factories).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyProtocolIT
{
    enum Variant
    {
        /** {@code connector.setProxyProtocol(true)}: the native engine reads the header. */
        NATIVE,
        /** {@code new LygerConnector(server, new ProxyConnectionFactory(), http)} forced to its fallback: Jetty reads it. */
        FALLBACK
    }

    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final String GET = "GET /address HTTP/1.1\r\nHost: localhost\r\n\r\n";

    private final Map<Variant, Server> servers = new EnumMap<>(Variant.class);
    private final Map<Variant, LygerConnector> connectors = new EnumMap<>(Variant.class);

    @BeforeAll
    void start() throws Exception
    {
        for (Variant variant : Variant.values())
        {
            Server server = new Server();
            LygerConnector connector = switch (variant)
            {
                case NATIVE ->
                {
                    LygerConnector c = new LygerConnector(server, new HttpConnectionFactory(TestServer.httpConfiguration()));
                    c.setProxyProtocol(true);
                    yield c;
                }
                case FALLBACK ->
                {
                    LygerConnector c = new LygerConnector(server, new ProxyConnectionFactory(), new HttpConnectionFactory(TestServer.httpConfiguration()));
                    c.setForceFallback(true);
                    yield c;
                }
            };
            start(connector);
            assertEquals(variant == Variant.NATIVE, connector.isNative(), variant + ": the native engine must serve it (and only it)");
            assertTrue(connector.isProxyProtocol());
            servers.put(variant, server);
            connectors.put(variant, connector);
        }
    }

    /** Starts the connector's server: on 127.0.0.1, any free port, {@link AddressServlet} at /address. */
    private static void start(LygerConnector connector) throws Exception
    {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        Server server = connector.getServer();
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(AddressServlet.class, "/address");
        server.setHandler(context);
        server.start();
    }

    @AfterAll
    void stop() throws Exception
    {
        for (Server server : servers.values())
            server.stop();
    }

    private int port(Variant variant)
    {
        return connectors.get(variant).getLocalPort();
    }

    /** Sends {@code header} then a GET of /address; returns the servlet's line. */
    private String addressesThrough(Variant variant, byte[] header) throws IOException
    {
        try (RawClient client = new RawClient(port(variant)))
        {
            client.send(header).send(GET);
            RawResponse response = client.read();
            assertEquals(200, response.status(), response.toString());
            String first = response.bodyText();
            // the addresses hold for the connection: a second request on it sees the same
            assertEquals(first, client.send(GET).read().bodyText());
            return first;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Variant.class)
    void v1Tcp4AndTcp6(Variant variant) throws IOException
    {
        assertEquals("remote=192.0.2.7:51000 local=10.0.0.1:8080",
            addressesThrough(variant, ascii("PROXY TCP4 192.0.2.7 10.0.0.1 51000 8080\r\n")));
        assertEquals("remote=" + ipv6("2001:db8::7") + ":65535 local=" + ipv6("2001:db8::1") + ":443",
            addressesThrough(variant, ascii("PROXY TCP6 2001:db8::7 2001:db8::1 65535 443\r\n")));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Variant.class)
    void v1UnknownAndV2LocalKeepTheSocketAddresses(Variant variant) throws IOException
    {
        for (byte[] header : List.of(ascii("PROXY UNKNOWN\r\n"), ascii("PROXY UNKNOWN ::1 ::2 1 2\r\n"), v2(0x20, 0x00, new byte[0])))
        {
            try (RawClient client = new RawClient(port(variant)))
            {
                client.send(header).send(GET);
                String expected = "remote=127.0.0.1:" + client.socket().getLocalPort() + " local=127.0.0.1:" + port(variant);
                assertEquals(expected, client.read().bodyText(), new String(header, StandardCharsets.ISO_8859_1));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Variant.class)
    void v2ProxyTcp4AndTcp6WithTlvs(Variant variant) throws IOException
    {
        // TLVs: ALPN "h2", a NOOP, an authority: skipped
        byte[] tlvs = concat(new byte[]{0x01, 0x00, 0x02, 'h', '2', 0x04, 0x00, 0x00, 0x02, 0x00, 0x03}, ascii("x.y"));
        assertEquals("remote=192.0.2.7:51000 local=10.0.0.1:443",
            addressesThrough(variant, v2(0x21, 0x11, concat(inet4("192.0.2.7", "10.0.0.1", 51000, 443), tlvs))));
        assertEquals("remote=" + ipv6("2001:db8::7") + ":8080 local=" + ipv6("2001:db8::1") + ":80",
            addressesThrough(variant, v2(0x21, 0x21, inet6("2001:db8::7", "2001:db8::1", 8080, 80))));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Variant.class)
    void headersSplitAcrossPackets(Variant variant) throws Exception
    {
        // a v2 header with 600 bytes of TLVs (longer than what the engine peeks at once) and a v1 line
        byte[] noop = new byte[603];
        noop[0] = 0x04;
        noop[1] = 0x02;
        noop[2] = 0x58;
        byte[] v2 = v2(0x21, 0x11, concat(inet4("198.51.100.9", "10.0.0.2", 40000, 8443), noop));
        byte[] v1 = ascii("PROXY TCP4 198.51.100.10 10.0.0.3 40001 8080\r\n");
        for (byte[] header : List.of(v2, v1))
        {
            try (RawClient client = new RawClient(port(variant)))
            {
                // a few bytes, a pause, more bytes: the signature, the fixed part and the body each arrive in pieces
                for (int at = 0; at < header.length; )
                {
                    int n = Math.min(at < 20 ? 3 : 97, header.length - at);
                    client.send(java.util.Arrays.copyOfRange(header, at, at + n));
                    at += n;
                    Thread.sleep(15);
                    assertTrue(client.poll(1) == 0, "nothing answered, the connection open, after " + at + " bytes");
                }
                client.send(GET);
                String expected = header == v2 ? "remote=198.51.100.9:40000 local=10.0.0.2:8443" : "remote=198.51.100.10:40001 local=10.0.0.3:8080";
                assertEquals(expected, client.read().bodyText());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Variant.class)
    void malformedHeadersCloseTheConnection(Variant variant) throws IOException
    {
        byte[] badVersion = v2(0x21, 0x11, inet4("192.0.2.7", "10.0.0.1", 1, 2));
        badVersion[12] = 0x11;
        List<byte[]> malformed = List.of(
            ascii("PROXY TCP4 192.0.2.7 10.0.0.1 51000\r\n"),           // a field missing
            ascii("PROXY TCP4 192.0.2.7 10.0.0.1 51000 8080 9\r\n"),    // a field too many
            ascii("PROXY TCP4 192.0.2.7 10.0.0.1 99999 8080\r\n"),      // port out of range
            ascii("PROXY TCP4 192.0.2.7 10.0.0.1 http 8080\r\n"),       // port not a number
            ascii("PROXY TCP4 192.0.2.7 10.0.0.1 1 2\n"),               // LF without CR
            ascii("PROXY TCP4 192.0.2.7 10.0.0.1 1 2\rX"),              // CR without LF
            badVersion,                                                 // v2 version 1
            v2(0x21, 0x00, new byte[0]),                                // PROXY over UNSPEC
            v2(0x21, 0x12, inet4("192.0.2.7", "10.0.0.1", 1, 2)),      // DGRAM
            v2(0x21, 0x41, inet4("192.0.2.7", "10.0.0.1", 1, 2)));     // family 4
        for (byte[] header : malformed)
            assertClosedWithoutAnswer(variant, header, GET.getBytes(StandardCharsets.ISO_8859_1));
        // shorter than its addresses (alone: Jetty would take the addresses from the bytes that follow the header)
        assertClosedWithoutAnswer(variant, v2(0x21, 0x11, new byte[]{1, 2, 3}), new byte[0]);
        // the server goes on serving
        assertEquals("remote=192.0.2.7:1 local=10.0.0.1:2", addressesThrough(variant, ascii("PROXY TCP4 192.0.2.7 10.0.0.1 1 2\r\n")));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Variant.class)
    void oversizedHeadersCloseTheConnection(Variant variant) throws IOException
    {
        // a v1 line of 200 bytes (at most 107); a v2 header announcing 2000 bytes (Jetty's maxProxyHeader: 1024)
        assertClosedWithoutAnswer(variant, ascii("PROXY UNKNOWN " + "x".repeat(184) + "\r\n"), new byte[0]);
        byte[] v2 = v2(0x21, 0x11, concat(inet4("192.0.2.7", "10.0.0.1", 1, 2), new byte[]{0x04, 0x07, (byte)0xC1}, new byte[1985]));
        assertClosedWithoutAnswer(variant, java.util.Arrays.copyOf(v2, 16), new byte[0]);
        assertClosedWithoutAnswer(variant, v2, GET.getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Variant.class)
    void aConnectionWithoutHeaderIsServedAsJettyServesIt(Variant variant) throws IOException
    {
        // Jetty's ProxyConnectionFactory is a detector: bytes that start neither signature go on as plain HTTP
        try (RawClient client = new RawClient(port(variant)))
        {
            client.send(GET);
            assertEquals("remote=127.0.0.1:" + client.socket().getLocalPort() + " local=127.0.0.1:" + port(variant), client.read().bodyText());
        }
    }

    @Test
    void theNativeEngineHonoursAProxyConnectionFactoryGivenTheJettyWay() throws Exception
    {
        Server server = new Server();
        LygerConnector connector = new LygerConnector(server, new ProxyConnectionFactory(), new HttpConnectionFactory());
        start(connector);
        try (RawClient client = new RawClient(connector.getLocalPort()))
        {
            assertTrue(connector.isNative());
            client.send(v2(0x21, 0x11, inet4("203.0.113.5", "10.1.1.1", 12345, 80))).send(GET);
            assertEquals("remote=203.0.113.5:12345 local=10.1.1.1:80", client.read().bodyText());
        }
        finally
        {
            server.stop();
        }
        // and setProxyProtocol(false) takes it away again, leaving HTTP the default protocol
        connector.setProxyProtocol(false);
        assertFalse(connector.isProxyProtocol());
        assertEquals(List.of("http/1.1"), connector.getProtocols());
        assertEquals("http/1.1", connector.getDefaultProtocol().toLowerCase(java.util.Locale.ROOT));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Variant.class)
    void aHeaderAndPipelinedRequestsInOneWrite(Variant variant) throws IOException
    {
        try (RawClient client = new RawClient(port(variant)))
        {
            client.send(concat(v2(0x21, 0x11, inet4("192.0.2.8", "10.0.0.9", 1234, 80)), ascii(GET + GET)));
            assertEquals("remote=192.0.2.8:1234 local=10.0.0.9:80", client.read().bodyText());
            assertEquals("remote=192.0.2.8:1234 local=10.0.0.9:80", client.read().bodyText());
        }
    }

    @Test
    void theNativeEngineHonoursMaxProxyHeader() throws Exception
    {
        Server server = new Server();
        LygerConnector connector = new LygerConnector(server);
        connector.setProxyProtocol(true);
        connector.getProxyConnectionFactory().setMaxProxyHeader(12); // the IPv4 addresses, no room for a TLV
        start(connector);
        try
        {
            assertTrue(connector.isNative());
            try (RawClient client = new RawClient(connector.getLocalPort()))
            {
                client.send(v2(0x21, 0x11, inet4("192.0.2.7", "10.0.0.1", 1, 2))).send(GET);
                assertEquals("remote=192.0.2.7:1 local=10.0.0.1:2", client.read().bodyText());
            }
            try (RawClient client = new RawClient(connector.getLocalPort()))
            {
                // one write: the engine may close as soon as it has read the header, and a second write would then fail
                client.send(concat(v2(0x21, 0x11, concat(inet4("192.0.2.7", "10.0.0.1", 1, 2), new byte[]{0x04, 0x00, 0x00})), ascii(GET)));
                assertTrue(client.awaitClosed(RawClient.READ_TIMEOUT_MS), "13 bytes after the fixed part: over the bound");
            }
        }
        finally
        {
            server.stop();
        }
    }

    @Test
    void theNativeEngineClosesAHeaderNotCompleteWithinTheHeaderTimeout() throws Exception
    {
        // slowloris on the PROXY header: bounded by the header timeout, as a request head is (Jetty bounds it by
        // the idle timeout only)
        Server server = new Server();
        LygerConnector connector = new LygerConnector(server);
        connector.setProxyProtocol(true);
        connector.setHeaderTimeout(300);
        start(connector);
        try (RawClient partial = new RawClient(connector.getLocalPort()); RawClient idle = new RawClient(connector.getLocalPort()))
        {
            assertTrue(connector.isNative());
            partial.send("PROXY TCP4 192.0.2.7 ");
            assertTrue(partial.awaitClosed(RawClient.READ_TIMEOUT_MS), "a header begun and left unfinished is closed");
            // a connection that sent nothing yet waits for the idle timeout (30 s), as any connection does
            assertEquals(0, idle.poll(200));
        }
        finally
        {
            server.stop();
        }
    }

    private void assertClosedWithoutAnswer(Variant variant, byte[] header, byte[] after) throws IOException
    {
        try (RawClient client = new RawClient(port(variant)))
        {
            client.send(header);
            try
            {
                client.send(after);
            }
            catch (IOException closedAlready)
            {
                // the server may have closed (reset) before these bytes went
            }
            assertTrue(client.awaitClosed(RawClient.READ_TIMEOUT_MS), "open after " + new String(header, StandardCharsets.ISO_8859_1));
        }
    }

    /** A v2 header: signature, version/command, family/transport, length, body. */
    static byte[] v2(int versionCommand, int familyTransport, byte[] body)
    {
        ByteBuffer b = ByteBuffer.allocate(16 + body.length);
        b.put(V2_SIGNATURE).put((byte)versionCommand).put((byte)familyTransport).putShort((short)body.length).put(body);
        return b.array();
    }

    static byte[] inet4(String src, String dst, int srcPort, int dstPort) throws IOException
    {
        return addresses(src, dst, srcPort, dstPort);
    }

    static byte[] inet6(String src, String dst, int srcPort, int dstPort) throws IOException
    {
        return addresses(src, dst, srcPort, dstPort);
    }

    private static byte[] addresses(String src, String dst, int srcPort, int dstPort) throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(InetAddress.getByName(src).getAddress());
        out.write(InetAddress.getByName(dst).getAddress());
        out.write(ByteBuffer.allocate(4).putShort((short)srcPort).putShort((short)dstPort).array());
        return out.toByteArray();
    }

    /** An IPv6 address as {@code getRemoteAddr()} prints it. */
    private static String ipv6(String address) throws IOException
    {
        return "[" + InetAddress.getByName(address).getHostAddress() + "]";
    }

    private static byte[] ascii(String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts)
            out.writeBytes(part);
        return out.toByteArray();
    }
}
