package io.lyger.bench.server;

import java.nio.file.Path;

import io.lyger.connector.LygerConnector;
import io.lyger.launcher.ConnectorKind;
import io.lyger.launcher.Lyger;
import io.lyger.launcher.LygerServer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTPS targets of {@code bench/run --https}: the sample WAR deployed by the launcher's API (Lyger's handler stack,
 * as {@code lyger serve} runs it, on a cleartext loopback port the harness checks readiness on), plus an HTTPS
 * listener made the Jetty way, as issue 15's contract has it: {@code new LygerConnector(server, new
 * SslConnectionFactory(sslContextFactory, "http/1.1"), new HttpConnectionFactory(httpsConfig))} over a
 * {@code SslContextFactory.Server} given only the keystore (Jetty's default protocols and cipher suites).
 * {@code --connector=jetty} forces that connector's fallback, Jetty's own TLS: the control. It prints which engine
 * serves the HTTPS port ({@code LygerConnector.isNative()}), for the harness's report.
 * <p>
 * The bench's own rather than {@code lyger serve --https-port}, so that the benchmark depends only on the connector's
 * contract. Runs in the server's JVM, on the launcher's class path; never in the harness's.
 * <pre>
 *   HttpsBenchServer --war=FILE --port=N --https-port=N --keystore=FILE --keystore-password=PW --connector=native|jetty
 * </pre>
 */
public final class HttpsBenchServer
{
    /** Keep in step with io.lyger.bench.ServerProcess's HTTPS_NATIVE_LINE and HTTPS_FALLBACK_LINE. */
    static final String NATIVE_LINE = "bench https listener served by the native engine";
    static final String FALLBACK_LINE = "bench https listener served by Jetty's TLS (fallback)";

    private HttpsBenchServer()
    {
    }

    public static void main(String[] args) throws Exception
    {
        Path war = Path.of(option(args, "war"));
        int port = Integer.parseInt(option(args, "port"));
        int httpsPort = Integer.parseInt(option(args, "https-port"));
        String keystore = option(args, "keystore");
        String password = option(args, "keystore-password");
        ConnectorKind kind = ConnectorKind.valueOf(option(args, "connector").toUpperCase(java.util.Locale.ROOT));

        LygerServer lyger = Lyger.server().war(war).contextPath("/").host("127.0.0.1").port(port).connector(kind).start();
        Server server = lyger.jetty();
        HttpConfiguration base = null;
        for (Connector c : server.getConnectors())
            if (c instanceof LygerConnector connector)
                base = connector.getHttpConfiguration();
        HttpConfiguration httpsConfig = base == null ? new HttpConfiguration() : new HttpConfiguration(base);
        httpsConfig.setSecureScheme("https");
        httpsConfig.setSecurePort(httpsPort);
        httpsConfig.addCustomizer(new SecureRequestCustomizer());

        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keystore);
        ssl.setKeyStorePassword(password);
        ssl.setKeyStoreType("PKCS12");

        LygerConnector https = new LygerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
            new HttpConnectionFactory(httpsConfig));
        https.setHost("127.0.0.1");
        https.setPort(httpsPort);
        https.setForceFallback(kind == ConnectorKind.JETTY);
        server.addConnector(https);
        https.start(); // Server.addConnector does not start a connector on a running server
        System.out.println((https.isNative() ? NATIVE_LINE : FALLBACK_LINE) + " on 127.0.0.1:" + https.getLocalPort()
            + " (" + https + "; cleartext HTTP on " + lyger.port() + ")");
        System.out.flush();
        lyger.join();
    }

    private static String option(String[] args, String name)
    {
        String prefix = "--" + name + "=";
        for (String arg : args)
            if (arg.startsWith(prefix))
                return arg.substring(prefix.length());
        System.err.println("HttpsBenchServer: missing " + prefix + "... (usage: --war=FILE --port=N --https-port=N "
            + "--keystore=FILE --keystore-password=PW --connector=native|jetty)");
        System.exit(2);
        return null;
    }
}
