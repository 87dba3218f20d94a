package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Keys and certificates for the HTTPS tests, made once per test JVM with the JDK's keytool (and openssl for curl's PEM
 * files) in {@code target/tls-keys}: a self-signed server key for {@code localhost} and {@code 127.0.0.1}, a
 * self-signed client key, the server's truststore (the client's certificate) and the clients' (the server's).
 */
final class TlsKeys
{
    static final String KEYSTORE_PASSWORD = "ks-Pa55-" + Long.toHexString(System.nanoTime());
    static final String TRUSTSTORE_PASSWORD = "ts-Pa55-" + Long.toHexString(System.nanoTime());
    static final String CLIENT_DN = "CN=lyger-test-client,O=Lyger Test";

    static final Path DIR = Path.of("target/tls-keys").toAbsolutePath();
    /** PKCS12: the server's key and certificate (alias server), {@link #KEYSTORE_PASSWORD}. */
    static final Path SERVER_KEYSTORE = DIR.resolve("server.p12");
    /** PEM: the server's certificate, for curl --cacert and openssl -CAfile. */
    static final Path SERVER_CERT_PEM = DIR.resolve("server.pem");
    /** PKCS12: the client's certificate, {@link #TRUSTSTORE_PASSWORD}: what --truststore gives the server. */
    static final Path SERVER_TRUSTSTORE = DIR.resolve("server-trust.p12");
    /** PEM: the client's certificate and key, for curl --cert. */
    static final Path CLIENT_PEM = DIR.resolve("client.pem");
    private static final Path CLIENT_KEYSTORE = DIR.resolve("client.p12");
    private static final Path CLIENT_TRUSTSTORE = DIR.resolve("client-trust.p12");

    private static boolean made;

    private TlsKeys()
    {
    }

    /** Makes the keys (once per JVM: the passwords are new each run). */
    static synchronized void make() throws Exception
    {
        if (made)
            return;
        Files.createDirectories(DIR);
        for (Path file : List.of(SERVER_KEYSTORE, SERVER_CERT_PEM, SERVER_TRUSTSTORE, CLIENT_PEM, CLIENT_KEYSTORE, CLIENT_TRUSTSTORE))
            Files.deleteIfExists(file);
        String[] server = {"-storetype", "PKCS12", "-keystore", SERVER_KEYSTORE.toString(), "-storepass", KEYSTORE_PASSWORD};
        String[] client = {"-storetype", "PKCS12", "-keystore", CLIENT_KEYSTORE.toString(), "-storepass", TRUSTSTORE_PASSWORD};
        run(concat(List.of(keytool(), "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650",
            "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1"), server));
        run(concat(List.of(keytool(), "-exportcert", "-rfc", "-alias", "server", "-file", SERVER_CERT_PEM.toString()), server));
        run(concat(List.of(keytool(), "-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650",
            "-dname", CLIENT_DN), client));
        Path clientCert = DIR.resolve("client-cert.pem");
        run(concat(List.of(keytool(), "-exportcert", "-rfc", "-alias", "client", "-file", clientCert.toString()), client));
        run(List.of(keytool(), "-importcert", "-noprompt", "-alias", "client", "-file", clientCert.toString(),
            "-storetype", "PKCS12", "-keystore", SERVER_TRUSTSTORE.toString(), "-storepass", TRUSTSTORE_PASSWORD));
        run(List.of(keytool(), "-importcert", "-noprompt", "-alias", "server", "-file", SERVER_CERT_PEM.toString(),
            "-storetype", "PKCS12", "-keystore", CLIENT_TRUSTSTORE.toString(), "-storepass", TRUSTSTORE_PASSWORD));
        run(List.of("openssl", "pkcs12", "-in", CLIENT_KEYSTORE.toString(), "-nodes", "-passin", "pass:" + TRUSTSTORE_PASSWORD,
            "-out", CLIENT_PEM.toString()));
        made = true;
    }

    /** @return an HTTP/1.1 client trusting the server's certificate, presenting the client's when {@code withClientCert} */
    static HttpClient client(boolean withClientCert) throws Exception
    {
        make();
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(CLIENT_TRUSTSTORE));
        KeyManagerFactory keys = null;
        if (withClientCert)
        {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(CLIENT_KEYSTORE), TRUSTSTORE_PASSWORD.toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static KeyStore load(Path file) throws Exception
    {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file))
        {
            store.load(in, TRUSTSTORE_PASSWORD.toCharArray());
        }
        return store;
    }

    private static String keytool()
    {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }

    private static List<String> concat(List<String> command, String... more)
    {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(more));
        return all;
    }

    /** Runs a command to completion (generous timeout: a loaded machine), failing with its output if it fails. */
    static String run(List<String> command) throws Exception
    {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + "\n" + output);
        return output;
    }
}
