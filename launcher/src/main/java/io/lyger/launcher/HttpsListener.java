package io.lyger.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.security.UnrecoverableKeyException;
import java.util.Locale;
import java.util.function.Consumer;

import io.lyger.connector.LygerConnector;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTPS listener of {@link Lyger.Builder#https}: the connector Jetty's {@code https} module builds (an
 * SslConnectionFactory before an HttpConnectionFactory whose HttpConfiguration adds a SecureRequestCustomizer), on a
 * LygerConnector so that the native engine terminates TLS where it can.
 */
final class HttpsListener
{
    private final int port;
    private final SslContextFactory.Server ssl;
    private Consumer<SecureRequestCustomizer> secureRequest = secure -> { };

    HttpsListener(int port, SslContextFactory.Server ssl)
    {
        this.port = port;
        this.ssl = ssl;
    }

    Consumer<SecureRequestCustomizer> secureRequest()
    {
        return secureRequest;
    }

    void secureRequest(Consumer<SecureRequestCustomizer> customizer)
    {
        secureRequest = secureRequest.andThen(customizer);
    }

    /**
     * @param httpConfig the HTTP listener's configuration: the HTTPS one copies it, and both learn the HTTPS port (a
     * CONFIDENTIAL constraint redirects there)
     * @param jetty true for Jetty's TLS and HTTP (the connector's forced fallback)
     */
    LygerConnector newConnector(Server server, HttpConfiguration httpConfig, String host, boolean jetty)
    {
        httpConfig.setSecureScheme("https");
        httpConfig.setSecurePort(port);
        HttpConfiguration httpsConfig = new HttpConfiguration(httpConfig);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        secureRequest.accept(secure);
        httpsConfig.addCustomizer(secure);
        LygerConnector connector = new LygerConnector(server, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
            new HttpConnectionFactory(httpsConfig));
        connector.setHost(host);
        connector.setPort(port);
        connector.setForceFallback(jetty);
        // A bean of the server too, where Jetty's CLIENT-CERT authenticator looks for it; managed by the server, which
        // starts it in checkKeys and stops it last.
        server.addBean(ssl, true);
        return connector;
    }

    /**
     * Starts the SslContextFactory ahead of the server, which loads its keystore and truststore.
     *
     * @throws LygerStartException {@link LygerStartException.Reason#BAD_CONFIGURATION} naming the keystore when they
     * cannot be loaded (missing, wrong password, wrong type)
     */
    void checkKeys()
    {
        try
        {
            ssl.start();
        }
        catch (Throwable failure)
        {
            String keystore = ssl.getKeyStorePath();
            if (keystore == null)
                keystore = "no keystore";
            else
                keystore = "keystore " + (keystore.startsWith("file:") ? Path.of(URI.create(keystore)).toString() : keystore);
            Throwable root = Lyger.rootCause(failure);
            boolean password = root instanceof UnrecoverableKeyException || String.valueOf(root.getMessage()).toLowerCase(Locale.ROOT).contains("password");
            throw new LygerStartException(LygerStartException.Reason.BAD_CONFIGURATION, "HTTPS listener on port " + port + ", " + keystore + ": "
                + (password ? "wrong password (the keystore's or its key's)" : Lyger.oneLine(root)), failure);
        }
    }

    /** When the HTTPS port was 0, tells both configurations the one listened on. */
    static void learnPort(LygerConnector connector, HttpConfiguration httpConfig)
    {
        httpConfig.setSecurePort(connector.getLocalPort());
        connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration().setSecurePort(connector.getLocalPort());
    }
}
