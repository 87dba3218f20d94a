package io.lyger.connector;

import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketClose;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;

/**
 * The WebSocket endpoint at {@code /ws} (Jetty's WebSocket API): echoes text and binary messages; the text
 * {@code "close"} makes it close with status 4000. Every close it sees is recorded in {@link #CLOSES}.
 */
@WebSocket
public class EchoWebSocket
{
    public static final BlockingQueue<String> CLOSES = new LinkedBlockingQueue<>();

    @OnWebSocketMessage
    public void onText(Session session, String message)
    {
        if ("close".equals(message))
            session.close(4000, "asked to", Callback.NOOP);
        else
            session.sendText(message, Callback.NOOP);
    }

    @OnWebSocketMessage
    public void onBinary(Session session, ByteBuffer payload, Callback callback)
    {
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
        callback.succeed();
        session.sendBinary(copy, Callback.NOOP);
    }

    @OnWebSocketClose
    public void onClose(int status, String reason)
    {
        CLOSES.add(status + " " + reason);
    }
}
