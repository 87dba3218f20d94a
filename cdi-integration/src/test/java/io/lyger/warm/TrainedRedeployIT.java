package io.lyger.warm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A redeployment ({@code serve --watch}) of a trained web application warms up as its start did: its JIT warm-up stops
 * at the latency the training run reached ({@link TrainedLatency}), not only when latency stops improving.
 */
class TrainedRedeployIT
{
    @TempDir
    Path dir;

    @Test
    void aRedeployStopsAtTheTrainedLatencyAsTheStartDid() throws Exception
    {
        Path webapp = new TestWebapp()
            .classes("HeadersServlet")
            .servlets("/exact", "HeadersServlet")
            .file("WEB-INF/lyger-warmup.properties", "request.1=GET /exact\ncontainer-requests=false\n")
            .build(dir.resolve("trained"));
        // a latency any window reaches on any machine: the stop comes with the second window
        Properties stored = new Properties();
        stored.setProperty("latency.ms.GET /exact", "60000");
        TrainedLatency trained = TrainedLatency.read(stored);
        try (TestServer server = TestServer.start(webapp, WarmOptions.defaults().withJitBudget(Duration.ofSeconds(30)), 0, true, trained))
        {
            String start = server.warm.lastJitResult().stoppedBecause();
            assertTrue(start.startsWith("latency reached the training run's"), start);
            server.warm.redeployed(server.webApp, server.uri());
            String redeploy = server.warm.lastJitResult().stoppedBecause();
            assertTrue(redeploy.startsWith("latency reached the training run's"), redeploy);
        }
    }
}
