package io.lyger.jetty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Static files of a webapp deployed in a Jetty base with the {@code lyger} module (ee11-deploy, its DefaultServlet),
 * fetched with a real client and compared byte for byte, on both connectors ({@code lyger.forceFallback=true}: Jetty's
 * ServerConnector, the control). The server runs in its own process, so the file regions it sent are read from its
 * log: FileRegions says each at DEBUG. On the native engine the large file goes as a file region; never on Jetty's.
 */
class JettyStaticFilesIT
{
    private static final int LARGE = 256 * 1024 + 13;
    private static final Pattern REGION = Pattern.compile("Sent " + LARGE + " bytes of \\S*large\\.bin as a file region");

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void deployedWebappsDefaultServletSendsFileRegions(boolean forceFallback, @TempDir Path base) throws Exception
    {
        JettyModuleIT.copyTree(JettyModuleIT.MODULE_DIR, base);
        JettyModuleIT.Result added = JettyModuleIT.startJar(base, "--add-modules=ee11-deploy,lyger");
        assertEquals(0, added.exitCode(), added.output());
        Path webapp = Files.createDirectories(base.resolve("webapps/files/WEB-INF"));
        Files.writeString(webapp.resolve("web.xml"), """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1"/>
            """);
        byte[] large = new byte[LARGE];
        new Random(1).nextBytes(large);
        Files.write(base.resolve("webapps/files/large.bin"), large);
        byte[] small = "small file\n".repeat(50).getBytes();
        Files.write(base.resolve("webapps/files/small.txt"), small);

        Path log = base.resolve("jetty.log");
        Process jetty = JettyModuleIT.startJarProcess(List.of("-Dio.lyger.connector.internal.FileRegions.LEVEL=DEBUG"), base,
                "lyger.host=127.0.0.1", "lyger.port=0", "lyger.forceFallback=" + forceFallback)
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try
        {
            String started = JettyModuleIT.awaitLog(jetty, log, Pattern.compile("Started oejs\\.Server"));
            Matcher port = Pattern.compile(forceFallback ? "ServerConnector@\\w+\\{HTTP/1\\.1.*127\\.0\\.0\\.1:(\\d+)\\}"
                : "Lyger native HTTP/1\\.1 engine listening on 127\\.0\\.0\\.1:(\\d+)").matcher(started);
            assertTrue(port.find(), "the connector's port:\n" + started);
            URI root = URI.create("http://127.0.0.1:" + port.group(1) + "/files/");

            assertArrayEquals(large, fetch(root.resolve("large.bin")), "the large file, byte for byte");
            assertArrayEquals(small, fetch(root.resolve("small.txt")), "the small file, byte for byte");
            assertArrayEquals(large, fetch(root.resolve("large.bin")), "the large file again (the mapping reused)");

            jetty.destroy();
            assertTrue(jetty.waitFor(60, TimeUnit.SECONDS), "Jetty exits on SIGTERM");
            String output = Files.readString(log);
            long regions = REGION.matcher(output).results().count();
            assertEquals(forceFallback ? 0 : 2, regions, "file regions sent for the large file:\n" + output);
            assertFalse(output.contains("small.txt as a file region"), "a small file goes as bytes");
        }
        finally
        {
            if (jetty.isAlive())
                jetty.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static byte[] fetch(URI uri) throws Exception
    {
        HttpResponse<byte[]> response = JettyModuleIT.CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), uri.toString());
        return response.body();
    }
}
