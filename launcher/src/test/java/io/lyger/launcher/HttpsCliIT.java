package io.lyger.launcher;

import static io.lyger.launcher.InProcessCli.assertOneLine;
import static io.lyger.launcher.InProcessCli.main;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lyger.connector.NativeEngine;
import org.junit.jupiter.api.BeforeAll;
import io.lyger.launcher.InProcessCli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code serve --https-port} beside {@code --port}: {@code bin/lyger} as a subprocess on each connector (Jetty's TLS
 * as the control), with the keystore password from a file and the truststore's from the environment, client
 * certificates required, HSTS; real clients (java.net.http, curl, openssl s_client). Bad configurations run in
 * process through Main: one line naming the option and file, exit code 2.
 */
class HttpsCliIT
{
    @BeforeAll
    static void keys() throws Exception
    {
        TlsKeys.make();
    }


    private static Result serveHttps(Path war, String... options)
    {
        List<String> args = new ArrayList<>(List.of("serve", war.toString(), "--host=127.0.0.1", "--port=0", "--https-port=0"));
        args.addAll(List.of(options));
        return main(args.toArray(String[]::new));
    }

    @Test
    void badHttpsConfigurationsExit2WithOneLineNamingTheOptionAndFile(@TempDir Path dir)
    {
        Path war = SecureWars.assemble("tls", dir);
        String keystore = "--keystore=" + TlsKeys.SERVER_KEYSTORE;
        String password = "--keystore-password=" + TlsKeys.KEYSTORE_PASSWORD;
        Path missing = dir.resolve("missing.p12");
        assertOneLine(serveHttps(war, "--keystore=" + missing, password), 2, "--keystore=" + missing + ": no such file");
        assertOneLine(serveHttps(war, keystore, "--keystore-password=wrong"), 2, "--keystore=" + TlsKeys.SERVER_KEYSTORE, "wrong password");
        assertOneLine(serveHttps(war, keystore, password, "--keystore-type=FOO"), 2, "--keystore-type=FOO: unknown keystore type");
        Path garbage = SecureWars.write(dir.resolve("garbage.p12"), "not a keystore\n");
        assertOneLine(serveHttps(war, "--keystore=" + garbage, password), 2, "--keystore=" + garbage, "not a PKCS12 or JKS keystore");
        assertOneLine(serveHttps(war, keystore, password, "--key-password=wrong"), 2, "the key 'server' does not open with --key-password");
        assertOneLine(serveHttps(war, keystore), 2, "--keystore needs its password");
        assertOneLine(serveHttps(war, password), 2, "--https-port needs --keystore");
        assertOneLine(serveHttps(war, keystore, password, "--client-auth=need"), 2, "--client-auth=need needs --truststore");
        assertOneLine(serveHttps(war, keystore, password, "--client-auth=maybe"), 2, "--client-auth takes none, want or need");
        assertOneLine(serveHttps(war, keystore, "--keystore-password-env=LYGER_TEST_NO_SUCH_VARIABLE"), 2,
            "--keystore-password-env=LYGER_TEST_NO_SUCH_VARIABLE: the environment variable LYGER_TEST_NO_SUCH_VARIABLE is not set");
        assertOneLine(serveHttps(war, keystore, "--keystore-password-file=" + missing), 2, "--keystore-password-file=" + missing + ": no such file");
        assertOneLine(serveHttps(war, keystore, password, "--keystore-password-file=" + missing), 2, "give only one of --keystore-password");
        assertOneLine(serveHttps(war, keystore, password, "--client-auth=need", "--truststore=" + missing), 2, "--truststore=" + missing + ": no such file");
        assertOneLine(main("serve", war.toString(), "--port=0", keystore), 2, "need --https-port");
    }

    @Test
    void aJksKeystoreIsToldFromItsContentAndAnHttpsPortInUseExits3NamingIt(@TempDir Path dir) throws Exception
    {
        Path war = SecureWars.assemble("tls", dir);
        Path jks = dir.resolve("server.keystore");
        TlsKeys.run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-importkeystore",
            "-srckeystore", TlsKeys.SERVER_KEYSTORE.toString(), "-srcstoretype", "PKCS12", "-srcstorepass", TlsKeys.KEYSTORE_PASSWORD,
            "-destkeystore", jks.toString(), "-deststoretype", "JKS", "-deststorepass", TlsKeys.KEYSTORE_PASSWORD));
        Result started = serveHttps(war, "--keystore=" + jks, "--keystore-password=" + TlsKeys.KEYSTORE_PASSWORD);
        assertEquals(0, started.exitCode(), "serve started with a JKS keystore (and was stopped at once): " + started.stderr());

        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1")))
        {
            Result inUse = main("serve", war.toString(), "--host=127.0.0.1", "--port=0", "--https-port=" + taken.getLocalPort(),
                "--keystore=" + TlsKeys.SERVER_KEYSTORE, "--keystore-password=" + TlsKeys.KEYSTORE_PASSWORD);
            assertOneLine(inUse, 3, "cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": address already in use");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "jetty"})
    void binLygerServesHttpsBesideHttpWithClientCertificatesRequired(String connector, @TempDir Path dir) throws Exception
    {
        Path war = SecureWars.assemble("tls", dir);
        Path passwordFile = SecureWars.write(dir.resolve("keystore.password"), TlsKeys.KEYSTORE_PASSWORD + "\n");
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder builder = CliProcessSupport.lyger("serve", war.toString(), "--host=127.0.0.1", "--port=0", "--connector=" + connector,
            "--https-port=0", "--keystore=" + TlsKeys.SERVER_KEYSTORE, "--keystore-password-file=" + passwordFile,
            "--truststore=" + TlsKeys.SERVER_TRUSTSTORE, "--truststore-password-env=LYGER_TEST_TRUSTSTORE_PASSWORD",
            "--client-auth=need", "--hsts=600");
        builder.environment().put("LYGER_TEST_TRUSTSTORE_PASSWORD", TlsKeys.TRUSTSTORE_PASSWORD);
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try
        {
            int httpPort = CliProcessSupport.readyPort(process, out, err);
            Matcher https = Pattern.compile("HTTPS on https://127\\.0\\.0\\.1:(\\d+) with (.*)").matcher(Files.readString(out));
            assertTrue(https.find(), "the HTTPS listener's log line:\n" + Files.readString(out));
            boolean nativeTls = connector.equals("native") && NativeEngine.tlsUnavailableReason() == null;
            String engine = https.group(2);
            assertTrue(nativeTls ? engine.startsWith("the native TLS engine") : engine.startsWith("Jetty's SslConnectionFactory"), engine);
            if (connector.equals("jetty"))
                assertTrue(engine.contains("--connector=jetty"), engine);
            else if (!nativeTls)
                assertTrue(engine.contains(NativeEngine.tlsUnavailableReason()), "says why not native: " + engine);
            int httpsPort = Integer.parseInt(https.group(1));
            URI httpsRoot = URI.create("https://127.0.0.1:" + httpsPort + "/");

            HttpResponse<String> plain = TestSupport.get(URI.create("http://127.0.0.1:" + httpPort + "/tls"));
            assertEquals(200, plain.statusCode());
            assertTrue(plain.body().startsWith("scheme=http secure=false"), plain.body());
            assertTrue(plain.headers().firstValue("Strict-Transport-Security").isEmpty(), "no HSTS over HTTP");
            // a CONFIDENTIAL constraint over HTTP sends the client to the HTTPS port
            HttpResponse<String> confidential = TestSupport.CLIENT.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/confidential/x")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(302, confidential.statusCode());
            assertEquals("https://127.0.0.1:" + httpsPort + "/confidential/x", confidential.headers().firstValue("Location").orElse(""));

            HttpResponse<String> secure = send(TlsKeys.client(true), httpsRoot.resolve("/tls"));
            assertEquals(200, secure.statusCode());
            assertTrue(secure.body().startsWith("scheme=https secure=true cipher=TLS_"), secure.body());
            assertTrue(secure.body().endsWith("client=" + TlsKeys.CLIENT_DN), secure.body());
            assertEquals("max-age=600", secure.headers().firstValue("Strict-Transport-Security").orElse(""));

            // need: a client without a certificate does not get through the handshake; Jetty's TLS is the control
            assertRejected(() -> send(TlsKeys.client(false), httpsRoot.resolve("/tls")));
            Exec curlWithout = exec("curl", "-sS", "--max-time", "30", "--cacert", TlsKeys.SERVER_CERT_PEM.toString(), httpsRoot.resolve("/tls").toString());
            assertNotEquals(0, curlWithout.exitCode(), "curl without a client certificate: " + curlWithout.output());
            Exec curlWith = exec("curl", "-sS", "--max-time", "30", "--cacert", TlsKeys.SERVER_CERT_PEM.toString(),
                "--cert", TlsKeys.CLIENT_PEM.toString(), httpsRoot.resolve("/tls").toString());
            assertEquals(0, curlWith.exitCode(), curlWith.output());
            assertTrue(curlWith.output().startsWith("scheme=https secure=true"), curlWith.output());
            assertTrue(curlWith.output().contains("client=" + TlsKeys.CLIENT_DN), curlWith.output());
            Exec sClient = exec("openssl", "s_client", "-connect", "127.0.0.1:" + httpsPort, "-servername", "localhost",
                "-CAfile", TlsKeys.SERVER_CERT_PEM.toString(), "-cert", TlsKeys.CLIENT_PEM.toString());
            assertTrue(sClient.output().contains("Verify return code: 0 (ok)"), sClient.output());
            assertTrue(sClient.output().contains("subject=CN = localhost"), sClient.output());

            // the passwords stay out of ps and of the log
            String commandLine = Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ');
            assertTrue(commandLine.contains("--keystore-password-file"), commandLine);
            for (String secret : List.of(TlsKeys.KEYSTORE_PASSWORD, TlsKeys.TRUSTSTORE_PASSWORD))
            {
                assertFalse(commandLine.contains(secret), "password in ps: " + commandLine);
                assertFalse(Files.readString(out).contains(secret), "password in the log");
            }
            CliProcessSupport.assertStopsOnSigterm(process, err);
            String log = Files.readString(out);
            assertFalse(log.contains(TlsKeys.KEYSTORE_PASSWORD), "password in the log");
            // both listeners stop cleanly (a fallback connector once stopped the shared thread pool under the other)
            String stopping = log.substring(log.indexOf("SIGTERM: stopping"));
            assertFalse(stopping.contains(" WARN "), "a clean stop:\n" + stopping);
            assertEquals("", Files.readString(err), "nothing on stderr");
        }
        finally
        {
            if (process.isAlive())
                process.destroyForcibly();
        }
    }

    @Test
    void checkSaysWhetherNativeTlsIsAvailable()
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Main(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, server -> { }).execute("check");
        String said = out.toString(StandardCharsets.UTF_8);
        if (NativeEngine.unavailableReason() != null)
            return; // check then says why the engine itself does not load (MainIT)
        String reason = NativeEngine.tlsUnavailableReason();
        assertTrue(said.contains(reason == null ? "native TLS: available" : "native TLS: unavailable: " + reason), said);
    }

    static HttpResponse<String> send(HttpClient client, URI uri) throws Exception
    {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    interface Attempt
    {
        Object run() throws Exception;
    }

    /** The attempt fails with an IOException (a handshake failure, or the connection closed by the server's alert). */
    static void assertRejected(Attempt attempt) throws Exception
    {
        try
        {
            Object result = attempt.run();
            fail("expected a TLS failure, got " + result);
        }
        catch (java.io.IOException expected)
        {
            // javax.net.ssl.SSLHandshakeException, or "Connection reset"/"closed" with TLS 1.3's post-handshake alert
        }
    }

    record Exec(int exitCode, String output)
    {
    }

    static Exec exec(String... command) throws Exception
    {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        return new Exec(process.exitValue(), output);
    }
}
