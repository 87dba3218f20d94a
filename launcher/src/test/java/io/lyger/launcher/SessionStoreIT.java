package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session stores without a cluster: a store that cannot be reached at start (bin/lyger, its exit code and its one
 * line), a bad --sessions URL, and Jetty's file store through the embedded API and through a context XML (sessions
 * outlive a restart, across both connectors). The PostgreSQL store shared by running instances is ClusterIT's.
 */
class SessionStoreIT
{
    @Test
    void anUnreachableStoreAtStartIsOneLineAndExitCode4(@TempDir Path dir) throws Exception
    {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            closed = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closed + "/sessions?user=lyger&password=secret";
        Path err = dir.resolve("stderr.txt");
        Process process = CliProcessSupport.lyger("serve", TestSupport.sampleWar().toString(), "--host", "127.0.0.1", "--port", "0",
                "--sessions", url)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "bin/lyger exits");
        String stderr = Files.readString(err);
        assertEquals(4, process.exitValue(), stderr);
        assertEquals(1, stderr.lines().count(), "one line: " + stderr);
        assertTrue(stderr.startsWith("lyger: session store jdbc:postgresql://127.0.0.1:" + closed + "/sessions?... (--sessions): cannot connect: "), stderr);
        assertTrue(!stderr.contains("secret"), "the password stays out of the message: " + stderr);
    }

    @Test
    void aBadSessionsUrlIsAUsageError()
    {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = new Main(new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true), new java.io.PrintStream(err, true), LygerServer::stop)
            .execute("serve", TestSupport.sampleWar().toString(), "--port", "0", "--sessions", "redis://127.0.0.1/0");
        assertEquals(2, code, err.toString());
        assertEquals("lyger: --sessions takes memory, file:DIR or a jdbc: URL, got 'redis://127.0.0.1/0'", err.toString().strip());
    }

    @Test
    void theFileStoreKeepsSessionsAcrossARestart(@TempDir Path dir) throws Exception
    {
        String store = "file:" + dir.resolve("sessions");
        String cookie;
        String id;
        try (LygerServer native1 = start(ConnectorKind.NATIVE, TestSupport.sampleWar(), store))
        {
            HttpResponse<String> created = send(native1.uri().resolve("/session"), "POST", null);
            assertEquals(200, created.statusCode(), created.body());
            cookie = created.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
            id = created.body().split(" ")[0];
            assertEquals(id + " count=2\n", send(native1.uri().resolve("/session"), "POST", cookie).body());
        }
        try (LygerServer jetty = start(ConnectorKind.JETTY, TestSupport.sampleWar(), store))
        {
            assertEquals(id + " count=2\n", send(jetty.uri().resolve("/session"), "GET", cookie).body(), "the session outlived the restart");
            assertEquals(200, send(jetty.uri().resolve("/session"), "DELETE", cookie).statusCode());
            assertEquals(404, send(jetty.uri().resolve("/session"), "GET", cookie).statusCode());
        }
    }

    @Test
    void aContextXmlConfiguresJettysSessionStore(@TempDir Path dir) throws Exception
    {
        Path war = Files.copy(TestSupport.sampleWar(), dir.resolve("app.war"));
        Path sessions = dir.resolve("sessions");
        Files.writeString(dir.resolve("app.xml"), """
            <?xml version="1.0"?>
            <!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">
            <Configure class="org.eclipse.jetty.ee11.webapp.WebAppContext">
              <Get id="sessionHandler" name="sessionHandler">
                <Set name="sessionCache">
                  <New class="org.eclipse.jetty.session.NullSessionCache">
                    <Arg><Ref refid="sessionHandler"/></Arg>
                    <Set name="flushOnResponseCommit">true</Set>
                    <Set name="sessionDataStore">
                      <New class="org.eclipse.jetty.session.FileSessionDataStore">
                        <Set name="storeDir"><New class="java.io.File"><Arg>%s</Arg></New></Set>
                      </New>
                    </Set>
                  </New>
                </Set>
              </Get>
            </Configure>
            """.formatted(sessions));
        String cookie;
        try (LygerServer first = start(ConnectorKind.JETTY, war, "memory"))
        {
            HttpResponse<String> created = send(first.uri().resolve("/session"), "POST", null);
            assertEquals(200, created.statusCode(), created.body());
            cookie = created.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
        }
        try (Stream<Path> files = Files.list(sessions))
        {
            assertEquals(1, files.count(), "the context XML's file store holds the session");
        }
        try (LygerServer second = start(ConnectorKind.NATIVE, war, "memory"))
        {
            HttpResponse<String> read = send(second.uri().resolve("/session"), "POST", cookie);
            assertTrue(read.body().endsWith(" count=2\n"), read.body());
        }
    }

    private static LygerServer start(ConnectorKind kind, Path war, String sessions) throws Exception
    {
        LygerServer server = Lyger.server().war(war).host("127.0.0.1").port(0).connector(kind).stopAtShutdown(false)
            .sessions(sessions).start();
        server.awaitReady();
        return server;
    }

    private static HttpResponse<String> send(URI uri, String method, String cookie) throws Exception
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
        if (cookie != null)
            request.header("Cookie", cookie);
        return TestSupport.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
