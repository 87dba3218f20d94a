package io.lyger.bench.peers;

import java.nio.file.Path;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.Version;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;

import jakarta.servlet.ServletException;

/**
 * Undertow 2.3 with its servlet container, one deployment at the root with the sample's servlets, on an HTTP listener
 * with Undertow's default settings (I/O threads = cores, worker threads = 8 × I/O threads).
 * <p>
 * With {@code --sample-war=FILE} it also deploys the sample WAR, unchanged, at {@code /lyger-sample}
 * ({@link UndertowWarDeployment}: unpacked, its own class loader, the servlets of its web.xml, the
 * ServletContainerInitializers of its jars), beside the root deployment behind Undertow's {@link PathHandler}. Weld
 * recognizes Undertow (its ServletExtension in WEB-INF/lib) and injects the servlets; the WAR's database is its own
 * (EclipseLink on H2 in memory, from WEB-INF/lib), and it looks nothing up in JNDI, which Undertow does not have.
 * With {@code --no-root-servlets} the root deployment is left out (or has the static files alone): the WAR serves
 * every path, as on Lyger.
 */
public final class UndertowPeer
{
    private UndertowPeer()
    {
    }

    public static void main(String[] args) throws Exception
    {
        int port = PeerServlets.port("undertow", args);
        boolean rootServlets = PeerServlets.rootServlets("undertow", args);
        String staticRoot = PeerServlets.option(args, "static-root");
        HttpHandler handler = null;
        if (rootServlets || staticRoot != null)
        {
            DeploymentInfo deployment = Servlets.deployment().setClassLoader(UndertowPeer.class.getClassLoader())
                .setContextPath("/").setDeploymentName("bench-peer");
            if (rootServlets)
                for (PeerServlets.Mapping m : PeerServlets.MAPPINGS)
                    deployment.addServlet(Servlets.servlet(m.name(), m.servlet()).addMapping(m.path()));
            // the files under it, through the deployment's own default servlet (mapped to "/" when nothing else is)
            if (staticRoot != null)
                deployment.setResourceManager(new PathResourceManager(Path.of(staticRoot)));
            handler = start(deployment);
        }
        Path sampleWar = PeerServlets.sampleWar("undertow", args);
        // the handler is unchanged without the sample WAR: the servlets' deployment alone; without a root deployment,
        // the path handler answers 404 outside the WAR's context
        if (sampleWar != null)
            handler = (handler == null ? Handlers.path() : Handlers.path(handler)).addPrefixPath(PeerServlets.SAMPLE_CONTEXT,
                start(UndertowWarDeployment.of(sampleWar, PeerServlets.SAMPLE_CONTEXT)));
        Undertow server = Undertow.builder().addHttpListener(port, "127.0.0.1").setHandler(handler).build();
        server.start();
        PeerServlets.ready("Undertow", Version.getVersionString(), port, sampleWar, rootServlets);
    }

    private static HttpHandler start(DeploymentInfo deployment) throws ServletException
    {
        DeploymentManager manager = Servlets.defaultContainer().addDeployment(deployment);
        manager.deploy();
        return manager.start();
    }
}
