package io.lyger.connector;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jetty's WebSocket ({@link EchoWebSocket} behind Jetty's WebSocket servlet) with the JDK's WebSocket client: the
 * handshake's Connection takes the connection over after the 101 (HttpStream.UPGRADE_CONNECTION_ATTRIBUTE), then
 * frames both ways and the closing handshake from either side.
 */
class WebSocketIT
{
    /** Collects what the client receives: messages as text ("text:..", "binary:<length>"), then "close:<status>". */
    private static final class Received implements WebSocket.Listener
    {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private int binary;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last)
        {
            text.append(data);
            if (last)
            {
                events.add("text:" + text);
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last)
        {
            binary += data.remaining();
            if (last)
            {
                events.add("binary:" + binary);
                binary = 0;
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason)
        {
            events.add("close:" + statusCode);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error)
        {
            events.add("error:" + error);
        }

        String next() throws InterruptedException
        {
            String event = events.poll(5, TimeUnit.SECONDS);
            return event == null ? "nothing within 5 s" : event;
        }
    }

    private static WebSocket open(TestServer server, Received received) throws Exception
    {
        return open(server, "/ws", received);
    }

    private static WebSocket open(TestServer server, String path, Received received) throws Exception
    {
        if (server.kind() == ConnectorKind.NATIVE)
            assertTrue(((LygerConnector)server.connector()).isNative(), "served by the native engine");
        return HttpClient.newHttpClient().newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + path), received)
            .get(5, TimeUnit.SECONDS);
    }

    @BothConnectors
    void messagesAreEchoedAndTheServerCloses(ConnectorKind kind) throws Exception
    {
        EchoWebSocket.CLOSES.clear();
        try (TestServer server = TestServer.options(kind).webSockets().start())
        {
            Received received = new Received();
            WebSocket ws = open(server, received);
            ws.sendText("hello", true).get(5, TimeUnit.SECONDS);
            assertEquals("text:hello", received.next());
            ws.sendText("in two ", false).get(5, TimeUnit.SECONDS);
            ws.sendText("parts", true).get(5, TimeUnit.SECONDS);
            assertEquals("text:in two parts", received.next());
            byte[] big = new byte[60_000]; // under the default 64 KiB message limit
            ws.sendBinary(ByteBuffer.wrap(big), true).get(5, TimeUnit.SECONDS);
            assertEquals("binary:" + big.length, received.next());
            ws.sendText("close", true).get(5, TimeUnit.SECONDS);
            assertEquals("close:4000", received.next());
            // the reason is the client's echo of the close (none)
            assertEquals("4000 null", EchoWebSocket.CLOSES.poll(5, TimeUnit.SECONDS));
        }
    }

    @BothConnectors
    void theClientCloses(ConnectorKind kind) throws Exception
    {
        EchoWebSocket.CLOSES.clear();
        try (TestServer server = TestServer.options(kind).webSockets().start())
        {
            Received received = new Received();
            WebSocket ws = open(server, received);
            ws.sendText("one", true).get(5, TimeUnit.SECONDS);
            assertEquals("text:one", received.next());
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            assertEquals("close:1000", received.next());
            assertEquals("1000 bye", EchoWebSocket.CLOSES.poll(5, TimeUnit.SECONDS));
            assertTrue(ws.isInputClosed() && ws.isOutputClosed());
        }
    }

    /** Jetty's idle timeout on the upgraded endpoint: the WebSocket closes with 1001 (going away). */
    @BothConnectors
    void anIdleWebSocketIsClosedByTheServer(ConnectorKind kind) throws Exception
    {
        EchoWebSocket.CLOSES.clear();
        try (TestServer server = TestServer.options(kind).webSockets().start())
        {
            Received received = new Received();
            WebSocket ws = open(server, "/ws-idle", received);
            ws.sendText("one", true).get(5, TimeUnit.SECONDS);
            assertEquals("text:one", received.next());
            long start = System.nanoTime();
            assertEquals("close:1001", received.next());
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited >= 300 && waited < 3000, waited + " ms");
            String close = EchoWebSocket.CLOSES.poll(5, TimeUnit.SECONDS);
            assertTrue(close != null && close.startsWith("1001 "), close);
        }
    }
}
