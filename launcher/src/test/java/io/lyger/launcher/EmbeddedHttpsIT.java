package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import io.lyger.connector.NativeEngine;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The embedded API's HTTPS listener ({@link Lyger.Builder#https}) on each connector, Jetty's TLS as the control. */
class EmbeddedHttpsIT
{
    static SslContextFactory.Server ssl(String password) throws Exception
    {
        TlsKeys.make();
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(TlsKeys.SERVER_KEYSTORE.toString());
        ssl.setKeyStorePassword(password);
        return ssl;
    }

    @ParameterizedTest
    @EnumSource(ConnectorKind.class)
    void httpsBesideHttp(ConnectorKind kind, @TempDir Path dir) throws Exception
    {
        Path war = SecureWars.assemble("tls", dir);
        try (LygerServer server = Lyger.server().war(war).host("127.0.0.1").port(0).connector(kind).stopAtShutdown(false)
            .https(0, ssl(TlsKeys.KEYSTORE_PASSWORD)).secureRequest(secure -> secure.setStsMaxAge(60)).start())
        {
            assertTrue(server.httpsPort() > 0);
            assertEquals("https://127.0.0.1:" + server.httpsPort() + "/", server.httpsUri().toString());
            assertEquals(kind == ConnectorKind.NATIVE && NativeEngine.tlsUnavailableReason() == null, server.isNativeTls(),
                "which engine terminates TLS: " + NativeEngine.tlsUnavailableReason());
            HttpResponse<String> secure = HttpsCliIT.send(TlsKeys.client(false), server.httpsUri().resolve("/tls"));
            assertEquals(200, secure.statusCode());
            assertTrue(secure.body().startsWith("scheme=https secure=true cipher=TLS_"), secure.body());
            assertEquals("max-age=60", secure.headers().firstValue("Strict-Transport-Security").orElse(""));
            HttpResponse<String> plain = TestSupport.get(server, "/tls");
            assertTrue(plain.body().startsWith("scheme=http secure=false"), plain.body());
        }
    }

    /** openWhenReady: the HTTPS port too opens only once warm, and CONFIDENTIAL redirects learn the port opened. */
    @Test
    void httpsOpensWhenReady(@TempDir Path dir) throws Exception
    {
        Path war = SecureWars.assemble("tls", dir);
        try (LygerServer server = Lyger.server().war(war).host("127.0.0.1").port(0).openWhenReady(true).stopAtShutdown(false)
            .https(0, ssl(TlsKeys.KEYSTORE_PASSWORD)).start())
        {
            HttpResponse<String> secure = HttpsCliIT.send(TlsKeys.client(false), server.httpsUri().resolve("/tls"));
            assertTrue(secure.body().startsWith("scheme=https secure=true"), secure.body());
            HttpResponse<String> redirect = TestSupport.get(server, "/confidential/x");
            assertEquals(302, redirect.statusCode());
            assertEquals(server.httpsUri().resolve("/confidential/x").toString().replace("localhost", "127.0.0.1"),
                redirect.headers().firstValue("Location").orElse(""));
        }
    }

    @Test
    void aWrongKeystorePasswordFailsTheStartAsBadConfiguration(@TempDir Path dir) throws Exception
    {
        Path war = SecureWars.assemble("tls", dir);
        LygerStartException failure = assertThrows(LygerStartException.class, () -> Lyger.server().war(war).host("127.0.0.1").port(0)
            .stopAtShutdown(false).https(0, ssl("wrong")).start());
        assertEquals(LygerStartException.Reason.BAD_CONFIGURATION, failure.reason());
        assertTrue(failure.getMessage().contains("keystore " + TlsKeys.SERVER_KEYSTORE + ": wrong password"), failure.getMessage());
        assertEquals(1, failure.getMessage().lines().count(), failure.getMessage());
    }
}
