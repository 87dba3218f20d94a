package io.lyger.bench.peers;

import java.nio.file.Path;

import org.eclipse.jetty.ee11.servlet.DefaultServlet;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * "Bare Jetty": Jetty 12.1 embedded with a plain ServerConnector (Jetty's default HttpConfiguration and thread pool)
 * and a ServletContextHandler with the sample's servlets, none of Lyger's handlers. Against Lyger with
 * {@code --connector=jetty} it shows what Lyger's own handler stack costs per request.
 */
public final class BareJettyPeer
{
    private BareJettyPeer()
    {
    }

    public static void main(String[] args) throws Exception
    {
        int port = PeerServlets.port("bare-jetty", args);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        for (PeerServlets.Mapping m : PeerServlets.MAPPINGS)
            context.addServlet(m.servlet(), m.path());
        String staticRoot = PeerServlets.option(args, "static-root");
        if (staticRoot != null)
        {
            // the files under it, through Jetty's DefaultServlet with its defaults
            context.setBaseResourceAsPath(Path.of(staticRoot));
            context.addServlet(DefaultServlet.class, "/");
        }
        server.setHandler(context);
        server.start();
        PeerServlets.ready("Jetty", Server.getVersion() + " ServerConnector", port);
        server.join();
    }
}
