package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class StartupPreloadTest
{
    @Test
    void theNativeEngineIsPreloadedUnlessJettysConnectorIsAskedFor()
    {
        assertFalse(StartupPreload.asksForJettyConnector(List.of("serve", "app.war", "--port=8080")));
        assertFalse(StartupPreload.asksForJettyConnector(List.of("serve", "app.war", "--connector=native")));
        assertTrue(StartupPreload.asksForJettyConnector(List.of("serve", "app.war", "--connector=jetty")));
        assertTrue(StartupPreload.asksForJettyConnector(List.of("serve", "--connector", "JETTY", "app.war")));
        assertTrue(StartupPreload.asksForJettyConnector(List.of("train", "app.war", "--connector=Jetty", "--no-warmup")));
        // after "--" everything is a WAR, even one named --connector=jetty
        assertFalse(StartupPreload.asksForJettyConnector(List.of("serve", "--", "--connector=jetty")));
        assertFalse(StartupPreload.asksForJettyConnector(List.of("serve", "app.war", "--connector")));
    }
}
