package io.lyger.bench.peers;

import java.nio.file.Path;

import io.undertow.Undertow;
import io.undertow.Version;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;

/**
 * Undertow 2.3 with its servlet container, one deployment at the root with the sample's servlets, on an HTTP listener
 * with Undertow's default settings (I/O threads = cores, worker threads = 8 × I/O threads).
 */
public final class UndertowPeer
{
    private UndertowPeer()
    {
    }

    public static void main(String[] args) throws Exception
    {
        int port = PeerServlets.port("undertow", args);
        DeploymentInfo deployment = Servlets.deployment().setClassLoader(UndertowPeer.class.getClassLoader())
            .setContextPath("/").setDeploymentName("bench-peer");
        for (PeerServlets.Mapping m : PeerServlets.MAPPINGS)
            deployment.addServlet(Servlets.servlet(m.name(), m.servlet()).addMapping(m.path()));
        String staticRoot = PeerServlets.option(args, "static-root");
        // the files under it, through the deployment's own default servlet (mapped to "/" when nothing else is)
        if (staticRoot != null)
            deployment.setResourceManager(new PathResourceManager(Path.of(staticRoot)));
        DeploymentManager manager = Servlets.defaultContainer().addDeployment(deployment);
        manager.deploy();
        Undertow server = Undertow.builder().addHttpListener(port, "127.0.0.1").setHandler(manager.start()).build();
        server.start();
        PeerServlets.ready("Undertow", Version.getVersionString(), port);
    }
}
