package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Shared by the launcher tests: the sample WAR built by this reactor, and a real HTTP client. */
final class TestSupport
{
    static final HttpClient CLIENT = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();

    private TestSupport()
    {
    }

    /** @return war-sample's lyger-sample.war, copied to target/test-wars by the build. */
    static Path sampleWar()
    {
        String property = System.getProperty("lyger.sample.war");
        Path war = property != null ? Path.of(property) : Path.of("target/test-wars/lyger-sample.war");
        assertTrue(Files.isRegularFile(war), "sample WAR missing at " + war.toAbsolutePath() + ": run the build (mvn verify) from the repository root");
        return war;
    }

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException
    {
        return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(LygerServer server, String pathAndQuery) throws IOException, InterruptedException
    {
        return get(server.uri().resolve(pathAndQuery));
    }
}
