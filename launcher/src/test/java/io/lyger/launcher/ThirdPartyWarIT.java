package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real application from Maven Central, unchanged, through {@code bin/lyger serve} on both connectors: hawtio 4.2.0
 * (its web console, the console's static assets, and Jolokia's REST API, which reads the platform MBeanServer where
 * Lyger registers Jetty's MBeans). hawtio's own login is turned off with its system property, as its documentation
 * says for a server without a realm.
 */
class ThirdPartyWarIT
{
    private static final Path HAWTIO = Path.of(System.getProperty("lyger.hawtio.war", "target/test-wars/hawtio.war"));

    @ParameterizedTest
    @EnumSource(ConnectorKind.class)
    void hawtioServesItsConsoleAndJolokia(ConnectorKind kind, @TempDir Path dir) throws Exception
    {
        assertTrue(Files.isRegularFile(HAWTIO), "hawtio-war missing at " + HAWTIO + ": run the build (mvn verify)");
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder builder = CliProcessSupport.lyger("serve", HAWTIO.toString(), "--context-path=/hawtio", "--host=127.0.0.1",
            "--port=0", "--no-warmup", "--connector=" + kind.name().toLowerCase(Locale.ROOT));
        builder.environment().put("LYGER_JAVA_OPTS", "-Dhawtio.authenticationEnabled=false");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try
        {
            URI base = URI.create("http://127.0.0.1:" + CliProcessSupport.awaitReady(process, out, err).group(1) + "/hawtio/");

            HttpResponse<String> page = TestSupport.get(base);
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
            Matcher script = Pattern.compile("src=\"/hawtio/(static/js/main\\.[0-9a-f]+\\.js)\"").matcher(page.body());
            assertTrue(script.find(), "the console page loads its script: " + page.body());
            HttpResponse<String> asset = TestSupport.get(base.resolve(script.group(1)));
            assertEquals(200, asset.statusCode());
            assertTrue(asset.headers().firstValue("Content-Type").orElse("").contains("javascript"), asset.headers().toString());
            assertTrue(asset.body().length() > 10_000, "the whole script: " + asset.body().length() + " chars");

            HttpResponse<String> version = TestSupport.get(base.resolve("jolokia/version"));
            assertEquals(200, version.statusCode(), version.body());
            assertTrue(version.body().contains("\"agent\":\"2.1.1\""), version.body());
            // Jetty's MBeans, registered by Lyger, as hawtio's JMX tree lists them
            HttpResponse<String> search = TestSupport.get(base.resolve("jolokia/search/org.eclipse.jetty.server:type=server,*"));
            assertEquals(200, search.statusCode(), search.body());
            assertTrue(search.body().contains("org.eclipse.jetty.server:") && search.body().contains("type=server"), search.body());
            HttpResponse<String> read = TestSupport.CLIENT.send(HttpRequest.newBuilder(base.resolve("jolokia/"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"HeapMemoryUsage\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, read.statusCode(), read.body());
            assertTrue(read.body().contains("\"status\":200") && read.body().contains("\"used\":"), read.body());

            CliProcessSupport.assertStopsOnSigterm(process, err);
            // Known, not Lyger's message: hawtio's own slf4j-api (2.0.11, in its WEB-INF/lib) finds the server's
            // slf4j-simple through the class path's META-INF/services, cannot use it, says so on stderr, and logs
            // through its own log4j. Nothing else may be there.
            assertTrue(Files.readAllLines(err).stream().allMatch(line -> line.startsWith("SLF4J(E): A service provider failed to instantiate")
                || line.equals("org.slf4j.spi.SLF4JServiceProvider: org.slf4j.simple.SimpleServiceProvider not a subtype")), Files.readString(err));
        }
        finally
        {
            if (process.isAlive())
                process.destroyForcibly();
        }
    }
}
