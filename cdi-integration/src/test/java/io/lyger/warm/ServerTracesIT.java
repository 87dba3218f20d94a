package io.lyger.warm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web application served through the native connector (JNA loaded in the server) sees none of JNA's system
 * properties, and cannot load Lyger's nor JNA's classes from the server; classes of its own still load.
 */
class ServerTracesIT
{
    @TempDir
    Path dir;

    @Test
    void aWebApplicationSeesNoJnaPropertyNorLygerOrJnaClass() throws Exception
    {
        Path webapp = new TestWebapp()
            .jars(jar -> false)
            .classes("TracesServlet")
            .servlets("/traces", "TracesServlet")
            .build(dir.resolve("traces"));
        try (TestServer server = TestServer.start(webapp, WarmOptions.defaults().withJitBudget(Duration.ZERO), 0))
        {
            String metrics = server.get("/_lyger/metrics").body();
            assertTrue(metrics.contains("lyger_connector_native{port=\"" + server.connector.getLocalPort() + "\"} 1"),
                "served by the native engine (JNA loaded): " + metrics);
            String seen = server.get("/traces?class=com.sun.jna.Native&class=io.lyger.connector.LygerConnector&class=io.lyger.warm.WarmStart"
                + "&class=org.eclipse.jetty.server.Server&class=io.lyger.warm.testapp.TracesServlet").body();
            assertEquals("""
                class com.sun.jna.Native hidden
                class io.lyger.connector.LygerConnector hidden
                class io.lyger.warm.WarmStart hidden
                class org.eclipse.jetty.server.Server hidden
                class io.lyger.warm.testapp.TracesServlet visible
                """, seen);
        }
    }
}
