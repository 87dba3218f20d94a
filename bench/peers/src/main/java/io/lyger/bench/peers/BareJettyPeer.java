package io.lyger.bench.peers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.ee11.servlet.DefaultServlet;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * "Bare Jetty": Jetty 12.1 embedded with a plain ServerConnector (Jetty's default HttpConfiguration and thread pool)
 * and a ServletContextHandler with the sample's servlets, none of Lyger's handlers. Against Lyger with
 * {@code --connector=jetty} it shows what Lyger's own handler stack costs per request.
 * <p>
 * With {@code --war=DIR} it deploys that WAR in a plain {@link WebAppContext} at the root instead: given bench's
 * minimal WAR, which Lyger serves too, the difference between the two is Lyger's own stack and nothing of the
 * application's ({@code bench/ab --war=minimal}).
 * <p>
 * With {@code --sample-war=FILE} it also deploys the sample WAR, unchanged, in a {@link WebAppContext} at
 * {@code /lyger-sample} beside the servlets' root context (a {@link ContextHandlerCollection} in front of both; with
 * {@code --no-root-servlets} the root context is left out, or keeps only the static files: the WAR's context alone
 * is then the server's handler, unless the static files need the root). What
 * the WAR needs from its container is what Jetty's {@code ee11-cdi} module gives a server: jetty-ee11-annotations,
 * -plus and -cdi on the server's class path, whose configurations every {@link WebAppContext} applies by default, so
 * that Weld's {@code ServletContainerInitializer} in WEB-INF/lib runs and finds Jetty's CDI integration in its
 * default mode ({@code CdiSpiDecorator}: Jetty decorates the servlets through Weld). The WAR's database is its own
 * (EclipseLink on H2 in memory, from WEB-INF/lib; no JNDI resource is looked up). Every WAR (the minimal one too) gets
 * those configurations, as every WAR does on Lyger (its CdiWiring); a WAR without CDI is not affected.
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
        Path sampleWar = PeerServlets.sampleWar("bare-jetty", args);
        boolean rootServlets = PeerServlets.rootServlets("bare-jetty", args);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        List<ContextHandler> contexts = new ArrayList<>();
        if (war != null)
            contexts.add(webApp(war, "/"));
        else if (rootServlets || PeerServlets.option(args, "static-root") != null)
            contexts.add(root(args, rootServlets));
        if (sampleWar != null)
            contexts.add(webApp(sampleWar.toString(), PeerServlets.SAMPLE_CONTEXT));
        // one context alone is the server's handler (no path dispatch in front of it), as before the sample WAR came
        server.setHandler(contexts.size() == 1 ? contexts.get(0) : new ContextHandlerCollection(contexts.toArray(ContextHandler[]::new)));
        // stop the web applications on SIGTERM, so that Jetty deletes the WAR's unpacked copy
        server.setStopAtShutdown(true);
        server.start();
        PeerServlets.ready("Jetty", Server.getVersion() + " ServerConnector" + (war == null ? "" : " WebAppContext " + war), port,
            sampleWar, rootServlets && war == null);
        server.join();
    }

    /** @return the root context: the sample's servlets (unless {@code servlets} is false) and the static files, if any */
    private static ServletContextHandler root(String[] args, boolean servlets)
    {
        ServletContextHandler context = new ServletContextHandler("/");
        if (servlets)
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

    private static WebAppContext webApp(String war, String contextPath)
    {
        WebAppContext webApp = new WebAppContext();
        webApp.setWar(war);
        webApp.setContextPath(contextPath);
        webApp.setThrowUnavailableOnStartupException(true);
        return webApp;
    }
}
