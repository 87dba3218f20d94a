package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Drives the test WAR's WebSocket echo endpoint ({@code testwar.EchoEndpoint}) with the JDK's WebSocket client. */
final class WebSocketEchoClient
{
    private WebSocketEchoClient()
    {
    }

    /** Opens {@code uri}, sends a short and a long (fragmented) text message, checks both echoes and a clean close. */
    static void assertEchoes(URI uri) throws Exception
    {
        LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener()
        {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last)
            {
                text.append(data);
                if (last)
                {
                    messages.add(text.toString());
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason)
            {
                closed.complete(statusCode);
                return null;
            }
        };
        WebSocket webSocket = TestSupport.CLIENT.newWebSocketBuilder().buildAsync(uri, listener).get(30, TimeUnit.SECONDS);
        webSocket.sendText("hello", true).get(30, TimeUnit.SECONDS);
        assertEquals("echo: hello", messages.poll(30, TimeUnit.SECONDS));
        // larger than one read of either connector, sent in two frames
        String big = "x".repeat(40_000);
        webSocket.sendText(big.substring(0, 10_000), false).get(30, TimeUnit.SECONDS);
        webSocket.sendText(big.substring(10_000), true).get(30, TimeUnit.SECONDS);
        assertEquals("echo: " + big, messages.poll(30, TimeUnit.SECONDS));
        webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(30, TimeUnit.SECONDS);
        assertEquals(WebSocket.NORMAL_CLOSURE, closed.get(30, TimeUnit.SECONDS));
    }
}
