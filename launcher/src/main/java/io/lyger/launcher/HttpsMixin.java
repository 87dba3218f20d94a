package io.lyger.launcher;

import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Locale;
import java.util.Map;

import io.lyger.connector.NativeEngine;
import io.lyger.launcher.tls.PasswordOption;
import io.lyger.launcher.tls.StoreFile;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import picocli.CommandLine.Option;

/**
 * {@code serve}'s options for an HTTPS listener beside the HTTP one: Jetty's {@code SslContextFactory.Server} over a
 * keystore (and a truststore for client certificates), on a LygerConnector (native TLS where the engine has it, else
 * Jetty's SslConnectionFactory). Every password may come from the command line, an environment variable or a file.
 */
final class HttpsMixin
{
    @Option(names = "--https-port", paramLabel = "PORT",
        description = "Also serve HTTPS on this TCP port (0 for any free one); needs --keystore.")
    Integer httpsPort;

    @Option(names = "--keystore", paramLabel = "FILE", description = "The server's key and certificate chain: a PKCS12 or JKS keystore.")
    Path keystore;

    @Option(names = "--keystore-type", paramLabel = "PKCS12|JKS", description = "The keystore's type (default: told from its content).")
    String keystoreType;

    @Option(names = "--keystore-password", paramLabel = "SECRET",
        description = "The keystore's password (visible in ps: prefer --keystore-password-env or --keystore-password-file).")
    String keystorePassword;

    @Option(names = "--keystore-password-env", paramLabel = "VARIABLE", description = "Read the keystore's password from this environment variable.")
    String keystorePasswordEnv;

    @Option(names = "--keystore-password-file", paramLabel = "FILE", description = "Read the keystore's password from the first line of this file.")
    Path keystorePasswordFile;

    @Option(names = "--key-password", paramLabel = "SECRET", description = "The private key's password, if not the keystore's.")
    String keyPassword;

    @Option(names = "--key-password-env", paramLabel = "VARIABLE", description = "Read the key's password from this environment variable.")
    String keyPasswordEnv;

    @Option(names = "--key-password-file", paramLabel = "FILE", description = "Read the key's password from the first line of this file.")
    Path keyPasswordFile;

    @Option(names = "--truststore", paramLabel = "FILE", description = "The certificates client certificates are verified against (PKCS12 or JKS).")
    Path truststore;

    @Option(names = "--truststore-type", paramLabel = "PKCS12|JKS", description = "The truststore's type (default: told from its content).")
    String truststoreType;

    @Option(names = "--truststore-password", paramLabel = "SECRET", description = "The truststore's password (or -env / -file as for the keystore).")
    String truststorePassword;

    @Option(names = "--truststore-password-env", paramLabel = "VARIABLE", description = "Read the truststore's password from this environment variable.")
    String truststorePasswordEnv;

    @Option(names = "--truststore-password-file", paramLabel = "FILE", description = "Read the truststore's password from the first line of this file.")
    Path truststorePasswordFile;

    @Option(names = "--client-auth", paramLabel = "none|want|need", defaultValue = "none",
        description = "Client certificates: none, want (asked for, verified if sent) or need (required); want and need take --truststore (default: ${DEFAULT-VALUE}).")
    String clientAuth;

    @Option(names = "--hsts", paramLabel = "SECONDS",
        description = "Send Strict-Transport-Security on HTTPS responses with this max-age (a year: 31536000).")
    Long hstsMaxAge;

    @Option(names = "--sni-host-check",
        description = "Answer 400 to an HTTPS request whose Host does not match the certificate the client's SNI selected (Jetty's SecureRequestCustomizer check).")
    boolean sniHostCheck;

    /** Adds the HTTPS listener to {@code builder} when {@code --https-port} is given; checks the files first. */
    void apply(Lyger.Builder builder)
    {
        apply(builder, System.getenv());
    }

    void apply(Lyger.Builder builder, Map<String, String> environment)
    {
        if (httpsPort == null)
        {
            if (keystore != null || truststore != null || !clientAuth.equalsIgnoreCase("none") || hstsMaxAge != null || sniHostCheck)
                throw new IllegalArgumentException("the HTTPS options (--keystore, --truststore, --client-auth, --hsts, --sni-host-check) need --https-port");
            return;
        }
        if (httpsPort < 0 || httpsPort > 65535)
            throw new IllegalArgumentException("--https-port must be between 0 and 65535, got " + httpsPort);
        if (keystore == null)
            throw new IllegalArgumentException("--https-port needs --keystore (the server's key and certificate)");
        String auth = clientAuth.trim().toLowerCase(Locale.ROOT);
        if (!auth.equals("none") && !auth.equals("want") && !auth.equals("need"))
            throw new IllegalArgumentException("--client-auth takes none, want or need, got '" + clientAuth + "'");
        if (!auth.equals("none") && truststore == null)
            throw new IllegalArgumentException("--client-auth=" + auth + " needs --truststore (the certificates client certificates are verified against)");
        if (hstsMaxAge != null && hstsMaxAge < 0)
            throw new IllegalArgumentException("--hsts must not be negative");

        String storePassword = new PasswordOption("keystore-password", keystorePassword, keystorePasswordEnv, keystorePasswordFile).resolve(environment);
        if (storePassword == null)
            throw new IllegalArgumentException("--keystore needs its password: --keystore-password-env, --keystore-password-file or --keystore-password");
        String keyManagerPassword = new PasswordOption("key-password", keyPassword, keyPasswordEnv, keyPasswordFile).resolve(environment);
        KeyStore keys = new StoreFile("--keystore", keystore, blankToNull(keystoreType), storePassword).loadKeys(keyManagerPassword);

        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keystore.toAbsolutePath().normalize().toString());
        ssl.setKeyStoreType(keys.getType());
        ssl.setKeyStorePassword(storePassword);
        if (keyManagerPassword != null)
            ssl.setKeyManagerPassword(keyManagerPassword);
        if (truststore != null)
        {
            String trustPassword = new PasswordOption("truststore-password", truststorePassword, truststorePasswordEnv, truststorePasswordFile).resolve(environment);
            KeyStore trust = new StoreFile("--truststore", truststore, blankToNull(truststoreType), trustPassword).loadCertificates();
            ssl.setTrustStorePath(truststore.toAbsolutePath().normalize().toString());
            ssl.setTrustStoreType(trust.getType());
            if (trustPassword != null)
                ssl.setTrustStorePassword(trustPassword);
        }
        ssl.setWantClientAuth(auth.equals("want"));
        ssl.setNeedClientAuth(auth.equals("need"));
        builder.https(httpsPort, ssl).secureRequest(secure ->
        {
            secure.setSniHostCheck(sniHostCheck);
            if (hstsMaxAge != null)
                secure.setStsMaxAge(hstsMaxAge);
        });
    }

    /** @return the log line of a started HTTPS listener, saying which engine terminates TLS and, if Jetty's, why. */
    static String readyLine(LygerServer server, String host)
    {
        String address = "https://" + (host == null ? "0.0.0.0" : host) + ":" + server.httpsPort();
        if (server.isNativeTls())
            return "HTTPS on " + address + " with the native TLS engine";
        if (server.requestedConnector() == ConnectorKind.JETTY)
            return "HTTPS on " + address + " with Jetty's SslConnectionFactory (--connector=jetty)";
        return "HTTPS on " + address + " with Jetty's SslConnectionFactory: native TLS is unavailable (" + NativeEngine.tlsUnavailableReason() + ")";
    }

    /** @return what {@code lyger check} says about TLS. */
    static String checkLine()
    {
        String reason = NativeEngine.tlsUnavailableReason();
        return reason == null ? "native TLS: available (serve --https-port is served by the native engine)"
            : "native TLS: unavailable: " + reason + " ('serve --https-port' still works: Jetty's SslConnectionFactory serves it)";
    }

    private static String blankToNull(String text)
    {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
