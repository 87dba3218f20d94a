package io.lyger.warm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The sample pointed at a PostgreSQL that is not there: one clear error naming the unit and the URL. */
class PersistenceUnavailableIT
{
    @Test
    void unreachableDatabaseFailsTheDeploymentWithOneClearLine() throws Exception
    {
        int closedPort = TestServer.freePort(); // free, so nothing answers there
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/hello_world";
        System.setProperty("lyger.sample.jdbc.url", url);
        System.setProperty("lyger.sample.jdbc.user", "benchmarkdbuser");
        try
        {
            Exception failure = assertThrows(Exception.class,
                () -> TestServer.start(TestServer.sampleWar(), WarmOptions.defaults().withJitBudget(Duration.ZERO), 0).close());
            Throwable root = TestServer.rootCause(failure);
            String message = root.getMessage();
            assertTrue(message != null && message.startsWith("persistence unit 'lyger-sample' cannot reach its database at " + url + ": "),
                "root cause: " + root);
            assertTrue(message.lines().count() == 1, message);
            assertTrue(message.contains("refused") || message.contains("Connection"), message);
        }
        finally
        {
            System.clearProperty("lyger.sample.jdbc.url");
            System.clearProperty("lyger.sample.jdbc.user");
        }
    }
}
