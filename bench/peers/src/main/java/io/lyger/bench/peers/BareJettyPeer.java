package io.lyger.bench.peers;

import java.nio.file.Path;

import org.eclipse.jetty.ee11.servlet.DefaultServlet;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * "Bare Jetty": Jetty 12.1 embedded with a plain ServerConnector (Jetty's default HttpConfiguration and thread pool)
 * and a ServletContextHandler with the sample's servlets, none of Lyger's handlers. Against Lyger with
 * {@code --connector=jetty} it shows what Lyger's own handler stack costs per request.
 * <p>
 * With {@code --war=DIR} it deploys that WAR in a plain {@link WebAppContext} at the root instead (Jetty's default
 * configurations: its session and security handlers, no CDI, JSP or WebSocket): given bench's minimal WAR, which
 * Lyger serves too, the difference between the two is Lyger's own stack and nothing of the application's
 * ({@code bench/ab --war=minimal}).
 */
public final class BareJettyPeer
{
    private BareJettyPeer()
    {
    }

    public static void main(String[] args) throws Exception
    {
        int port = PeerServlets.port("bare-jetty", args);
        String war = PeerServlets.option(args, "war");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(war == null ? servlets(args) : webApp(war));
        server.start();
        PeerServlets.ready("Jetty", Server.getVersion() + " ServerConnector" + (war == null ? "" : " WebAppContext " + war), port);
        server.join();
    }

    private static Handler servlets(String[] args)
    {
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
        return context;
    }

    private static Handler webApp(String war)
    {
        WebAppContext webApp = new WebAppContext();
        webApp.setWar(war);
        webApp.setContextPath("/");
        webApp.setThrowUnavailableOnStartupException(true);
        return webApp;
    }
}
