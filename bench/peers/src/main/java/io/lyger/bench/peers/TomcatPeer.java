package io.lyger.bench.peers;

import java.nio.file.Files;

import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;

/**
 * Tomcat 11 embedded with its default connector (HTTP/1.1 NIO, Tomcat's default thread pool and buffer sizes), one
 * root context with the sample's servlets. Nothing is tuned: the user who picks Tomcat instead of Lyger gets this.
 */
public final class TomcatPeer
{
    private TomcatPeer()
    {
    }

    public static void main(String[] args) throws Exception
    {
        int port = PeerServlets.port("tomcat", args);
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("bench-tomcat").toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", null);
        for (PeerServlets.Mapping m : PeerServlets.MAPPINGS)
        {
            Tomcat.addServlet(context, m.name(), m.servlet().getName());
            context.addServletMappingDecoded(m.path(), m.name());
        }
        tomcat.start();
        PeerServlets.ready("Tomcat", ServerInfo.getServerNumber() + " " + tomcat.getConnector().getProtocolHandlerClassName(), port);
        tomcat.getServer().await();
    }
}
