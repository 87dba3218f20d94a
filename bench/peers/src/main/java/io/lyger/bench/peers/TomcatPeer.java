package io.lyger.bench.peers;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

/**
 * Tomcat 11 embedded with its default connector (HTTP/1.1 NIO, Tomcat's default thread pool and buffer sizes), one
 * root context with the sample's servlets. Nothing is tuned: the user who picks Tomcat instead of Lyger gets this.
 * <p>
 * With {@code --sample-war=FILE} it also deploys the sample WAR, unchanged, with {@link Tomcat#addWebapp} at
 * {@code /lyger-sample} (Tomcat's defaults: the WAR unpacked under the temporary base directory, Tomcat's default
 * web.xml, the ServletContainerInitializers of WEB-INF/lib run). Weld's initializer recognizes Tomcat and injects the
 * servlets through Tomcat's InstanceManager; the WAR's database is its own (EclipseLink on H2 in memory, from
 * WEB-INF/lib), and it looks nothing up in JNDI, so no context resource is declared (Tomcat's embedded naming stays
 * off, its default). With {@code --no-root-servlets} the root context is left out (or has the static files alone):
 * the WAR serves every path, as on Lyger.
 * <p>
 * With {@code --https-port=N --keystore=FILE --keystore-password=PW --key-alias=NAME} (bench/run --https), a second NIO connector
 * serves HTTPS through JSSE (named explicitly: Tomcat would pick OpenSSL if its native library were present), with
 * Tomcat's default protocols and ciphers and the keystore's one key.
 */
public final class TomcatPeer
{
    private TomcatPeer()
    {
    }

    public static void main(String[] args) throws Exception
    {
        int port = PeerServlets.port("tomcat", args);
        Path sampleWar = PeerServlets.sampleWar("tomcat", args);
        Tomcat tomcat = new Tomcat();
        Path baseDir = Files.createTempDirectory("bench-tomcat");
        PeerServlets.deleteOnExit(baseDir);
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        boolean rootServlets = PeerServlets.rootServlets("tomcat", args);
        String staticRoot = PeerServlets.option(args, "static-root");
        // without the servlets or the static files, no root context at all (Tomcat answers 404 outside the WAR's)
        Context context = rootServlets || staticRoot != null ? tomcat.addContext("", staticRoot) : null;
        if (rootServlets)
            for (PeerServlets.Mapping m : PeerServlets.MAPPINGS)
            {
                Tomcat.addServlet(context, m.name(), m.servlet().getName());
                context.addServletMappingDecoded(m.path(), m.name());
            }
        if (staticRoot != null)
        {
            // the files under the context's docBase, through Tomcat's DefaultServlet with its defaults (sendfile included)
            Tomcat.addServlet(context, "default", "org.apache.catalina.servlets.DefaultServlet");
            context.addServletMappingDecoded("/", "default");
        }
        Context sample = null;
        if (sampleWar != null)
        {
            // the host's appBase, where Tomcat unpacks the WAR
            Files.createDirectories(baseDir.resolve("webapps"));
            sample = tomcat.addWebapp(PeerServlets.SAMPLE_CONTEXT, sampleWar.toString());
        }
        String httpsPort = PeerServlets.option(args, "https-port");
        if (httpsPort != null)
            tomcat.getService().addConnector(https(Integer.parseInt(httpsPort), PeerServlets.option(args, "keystore"),
                PeerServlets.option(args, "keystore-password"), PeerServlets.option(args, "key-alias")));
        tomcat.start();
        if (sample != null && !sample.getState().isAvailable())
        {
            // Tomcat logs a failed context and serves the others: the harness would measure its 404s
            System.err.println("tomcat: " + sampleWar + " did not start (" + sample.getState() + "), see above");
            System.exit(1);
        }
        PeerServlets.ready("Tomcat", ServerInfo.getServerNumber() + " " + tomcat.getConnector().getProtocolHandlerClassName()
            + (httpsPort == null ? "" : ", HTTPS (JSSE) on 127.0.0.1:" + httpsPort), port, sampleWar, rootServlets);
        tomcat.getServer().await();
    }

    private static Connector https(int port, String keystore, String password, String alias)
    {
        Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        connector.setScheme("https");
        connector.setSecure(true);
        connector.setProperty("SSLEnabled", "true");
        connector.setProperty("sslImplementationName", "org.apache.tomcat.util.net.jsse.JSSEImplementation");
        SSLHostConfig host = new SSLHostConfig();
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateKeystoreFile(keystore);
        certificate.setCertificateKeystorePassword(password);
        certificate.setCertificateKeystoreType("PKCS12");
        certificate.setCertificateKeyAlias(alias);
        host.addCertificate(certificate);
        connector.addSslHostConfig(host);
        return connector;
    }
}
