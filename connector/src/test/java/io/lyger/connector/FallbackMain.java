package io.lyger.connector;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * A server on a LygerConnector, run in its own JVM by {@link FallbackIT} and {@link BindingIT} (the native library is
 * loaded, or not, and its binding chosen, once per JVM). Prints {@code PORT=n}, {@code NATIVE=true|false} and
 * {@code BINDING=ffm|jna}, serves "ok", stops when stdin closes.
 */
public final class FallbackMain
{
    public static void main(String[] args) throws Exception
    {
        Server server = new Server();
        LygerConnector connector = new LygerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract()
        {
            @Override
            public boolean handle(Request request, Response response, Callback callback)
            {
                Content.Sink.write(response, true, "ok", callback);
                return true;
            }
        });
        server.start();
        System.out.println("PORT=" + connector.getLocalPort());
        System.out.println("NATIVE=" + connector.isNative());
        System.out.println("BINDING=" + NativeEngine.binding());
        System.out.flush();
        while (System.in.read() >= 0)
        {
            // wait for the test to close stdin
        }
        server.stop();
    }
}
