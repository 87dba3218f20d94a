package io.lyger.launcher.testwar;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** A Jakarta WebSocket endpoint of the test WAR (ContainerTestWar copies this class into its WEB-INF/classes). */
@ServerEndpoint("/echo")
public class EchoEndpoint
{
    @OnMessage
    public String echo(String message)
    {
        return "echo: " + message;
    }
}
