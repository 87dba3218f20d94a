package io.lyger.warm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Observer resolution is primed before ready: Weld's cache already holds the observers of an application event when
 * its first {@code Event.fire()} comes, and the warm-up notified no observer. The same web application started cold
 * shows the cache empty until that first fire.
 */
class ObserverPrimingIT
{
    @TempDir
    Path dir;

    private Path webapp() throws Exception
    {
        return new TestWebapp()
            .classes("Ping", "PingCounter", "PingSender", "ObserversServlet")
            .servlets("/observers", "ObserversServlet")
            .build(dir.resolve("observers"));
    }

    @Test
    void theFirstFireFindsItsObserversResolvedAndNoObserverWasCalledBefore() throws Exception
    {
        try (TestServer server = TestServer.start(webapp(), WarmOptions.defaults().withJitBudget(Duration.ZERO), 0))
        {
            assertEquals("cached=true\npings=0\n", server.get("/observers").body(), "primed before any fire, and no observer notified");
            assertEquals("cached=true\npings=1\n", server.get("/observers?fire=1").body(), "the application's fire notifies its observer once");
            @SuppressWarnings("unchecked")
            Map<String, Object> report = CdiReport.read(server.webApp);
            assertTrue(((Number)report.get("observedEvents")).intValue() >= 1, String.valueOf(report));
            assertEquals("", report.get("observerNotPrimed"), String.valueOf(report));
        }
    }

    @Test
    void coldTheCacheIsEmptyUntilTheFirstFire() throws Exception
    {
        try (TestServer server = TestServer.start(webapp(), WarmOptions.defaults().cold(), 0))
        {
            assertEquals("cached=false\npings=0\n", server.get("/observers").body(), "nothing resolved before the first fire");
            assertEquals("cached=false\npings=1\n", server.get("/observers?fire=1").body());
            assertEquals("cached=true\npings=1\n", server.get("/observers").body(), "the first fire resolved and cached");
        }
    }
}
