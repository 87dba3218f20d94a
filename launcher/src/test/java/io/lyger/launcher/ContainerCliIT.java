package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code bin/lyger serve} is an ee11 container: JSP with JSTL, WebSocket, a context XML beside the WAR. */
class ContainerCliIT
{
    @ParameterizedTest
    @EnumSource(ConnectorKind.class)
    void servesJspWebSocketAndTheContextXml(ConnectorKind kind, @TempDir Path dir) throws Exception
    {
        Path war = ContainerTestWar.write(dir.resolve("app.war"));
        ContainerTestWar.writeContextXml(war, "/shop");
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = CliProcessSupport.lyger("serve", war.toString(), "--host=127.0.0.1", "--port=0", "--no-warmup",
                "--connector=" + kind.name().toLowerCase(Locale.ROOT))
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try
        {
            Matcher ready = CliProcessSupport.awaitReady(process, out, err);
            URI base = URI.create("http://127.0.0.1:" + ready.group(1) + "/");
            HttpResponse<String> response = TestSupport.get(base.resolve("shop/hello.jsp?name=jsp"));
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(ContainerTestWar.expectedHello(dir), response.body().strip());
            WebSocketEchoClient.assertEchoes(URI.create("ws://127.0.0.1:" + ready.group(1) + "/shop/echo"));

            String log = Files.readString(out);
            assertFalse(log.contains("NO JSP Support"), log);
            assertTrue(log.contains("Serving " + war + " at http://127.0.0.1:" + ready.group(1) + "/shop"), "the log gives the context XML's path:\n" + log);
            CliProcessSupport.assertStopsOnSigterm(process, err);
            assertEquals("", Files.readString(err), "nothing on stderr");
        }
        finally
        {
            if (process.isAlive())
                process.destroyForcibly();
        }
    }

    @Test
    void malformedContextXmlExits4WithOneLineNamingIt(@TempDir Path dir) throws Exception
    {
        Path war = ContainerTestWar.write(dir.resolve("app.war"));
        Path xml = Files.writeString(dir.resolve("app.xml"), "<?xml version=\"1.0\"?>\n<Configure class=\"org.eclipse.jetty.ee11.webapp.WebAppContext\">\n  <Set name=\"contextPath\">/x</Set\n</Configure>\n");
        CliProcessIT.Result result = CliProcessIT.run("serve", war.toString(), "--host=127.0.0.1", "--port=0", "--no-warmup");
        assertEquals(4, result.exitCode(), result.stderr() + result.stdout());
        assertEquals(1, result.stderr().lines().count(), "exactly one line on stderr: " + result.stderr());
        assertTrue(result.stderr().startsWith("lyger: cannot deploy " + war + ": context XML " + xml + ": line 4: "), result.stderr());
    }
}
