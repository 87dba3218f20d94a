package io.lyger.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A deployment's {@code @ServerEndpoint} answers a real WebSocket client (Jetty's ee11 Jakarta WebSocket). */
@ExtendWith(ArquillianExtension.class)
class WebSocketIT
{
    @ServerEndpoint("/echo")
    public static class EchoEndpoint
    {
        @OnMessage
        public String echo(String message)
        {
            return "echo: " + message;
        }
    }

    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "websocket.war").addClass(EchoEndpoint.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void endpointEchoes() throws Exception
    {
        LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket.Listener listener = new WebSocket.Listener()
        {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last)
            {
                messages.add(data.toString());
                webSocket.request(1);
                return null;
            }
        };
        URI uri = URI.create(TestHttp.uri(base, "echo").toString().replaceFirst("^http", "ws"));
        WebSocket webSocket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, listener).get(30, TimeUnit.SECONDS);
        webSocket.sendText("arquillian", true).get(30, TimeUnit.SECONDS);
        assertEquals("echo: arquillian", messages.poll(30, TimeUnit.SECONDS));
        webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(30, TimeUnit.SECONDS);
    }
}
