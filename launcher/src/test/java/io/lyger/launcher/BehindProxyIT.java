package io.lyger.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.lyger.launcher.testwar.ClientAddressServlet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code serve --proxy-protocol --forwarded} (in process, on both connectors): a servlet sees the client address of a
 * PROXY protocol header, and that of an {@code X-Forwarded-For} header; a connection whose header is malformed is closed.
 */
class BehindProxyIT
{
    @ParameterizedTest(name = "--connector={0}")
    @ValueSource(strings = {"native", "jetty"})
    void proxyProtocolAndForwardedHeadersGiveTheClientAddress(String connector, @TempDir Path dir) throws Exception
    {
        Path war = writeWar(dir.resolve("addr.war"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<LygerServer> started = new CompletableFuture<>();
        Main main = new Main(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), started::complete);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> main.execute("serve", war.toString(), "--host=127.0.0.1",
            "--port=0", "--no-warmup", "--connector=" + connector, "--proxy-protocol", "--forwarded"));
        exit.whenComplete((code, x) -> started.completeExceptionally(new AssertionError("serve exited with " + code + "; stderr: " + err)));
        LygerServer server = started.get(60, TimeUnit.SECONDS);
        try
        {
            assertEquals(connector.equals("native"), server.isNativeConnector());
            int port = server.port();
            assertEquals("remote=192.0.2.7:51000 local=10.0.0.1:80 scheme=http",
                exchange(port, "PROXY TCP4 192.0.2.7 10.0.0.1 51000 80\r\nGET /addr HTTP/1.1\r\nHost: x\r\n\r\n"));
            // a forwarded header names the client the proxy saw; X-Forwarded-Proto the scheme it was reached with
            assertTrue(exchange(port, "GET /addr HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.9\r\nX-Forwarded-Proto: https\r\n\r\n")
                .matches("remote=203\\.0\\.113\\.9:\\d+ local=127\\.0\\.0\\.1:" + port + " scheme=https"));
            assertEquals("", exchange(port, "PROXY TCP4 192.0.2.7 10.0.0.1 51000\r\nGET /addr HTTP/1.1\r\nHost: x\r\n\r\n"),
                "a malformed header: closed without an answer");
        }
        finally
        {
            server.stop();
        }
        assertEquals(0, exit.get(60, TimeUnit.SECONDS));
    }

    /** Sends {@code request} (with Connection: close added) on a new connection; returns the response body, "" if none came. */
    private static String exchange(int port, String request) throws IOException
    {
        try (Socket socket = new Socket("127.0.0.1", port))
        {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.replace("Host: x\r\n", "Host: x\r\nConnection: close\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response;
            try
            {
                response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            catch (java.net.SocketException reset)
            {
                response = "";
            }
            if (response.isEmpty())
                return "";
            assertTrue(response.startsWith("HTTP/1.1 200 "), response);
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    /** A WAR with {@link ClientAddressServlet} at /addr. */
    private static Path writeWar(Path war) throws IOException
    {
        String servlet = ClientAddressServlet.class.getName();
        String webXml = """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1" metadata-complete="true">
              <servlet><servlet-name>addr</servlet-name><servlet-class>%s</servlet-class></servlet>
              <servlet-mapping><servlet-name>addr</servlet-name><url-pattern>/addr</url-pattern></servlet-mapping>
            </web-app>""".formatted(servlet);
        String classFile = servlet.replace('.', '/') + ".class";
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war));
             InputStream in = BehindProxyIT.class.getClassLoader().getResourceAsStream(classFile))
        {
            zip.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
            zip.write(webXml.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("WEB-INF/classes/" + classFile));
            zip.write(in.readAllBytes());
            zip.closeEntry();
        }
        return war;
    }
}
