package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lyger.connector.LygerConnector;
import org.eclipse.jetty.ee11.quickstart.QuickStartConfiguration;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.ee11.webapp.WebXmlConfiguration;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentTest
{
    @Test
    void contextPathsAreNormalized()
    {
        assertEquals("/", Deployment.normalizeContextPath("/"));
        assertEquals("/", Deployment.normalizeContextPath(""));
        assertEquals("/", Deployment.normalizeContextPath(null));
        assertEquals("/app", Deployment.normalizeContextPath("app"));
        assertEquals("/app", Deployment.normalizeContextPath("/app/"));
        assertEquals("/a/b", Deployment.normalizeContextPath("/a/b"));
        assertThrows(IllegalArgumentException.class, () -> Deployment.normalizeContextPath("/a b"));
        assertThrows(IllegalArgumentException.class, () -> Deployment.normalizeContextPath("/a?b"));
        assertThrows(IllegalArgumentException.class, () -> Deployment.normalizeContextPath("/a//b"));
    }

    @Test
    void defaultContextPathIsTheFileName()
    {
        assertEquals("/shop", Deployment.defaultContextPath(Path.of("/tmp/shop.war")));
        assertEquals("/shop", Deployment.defaultContextPath(Path.of("build/shop")));
        assertEquals("/", Deployment.defaultContextPath(Path.of("ROOT.war")));
    }

    @Test
    void builderRejectsMisuse()
    {
        assertThrows(IllegalStateException.class, () -> Lyger.server().contextPath("/x"));
        assertThrows(IllegalStateException.class, () -> Lyger.server().start());
        assertThrows(IllegalArgumentException.class, () -> Lyger.server().port(70000));
        assertThrows(IllegalArgumentException.class,
            () -> Lyger.server().war(Path.of("a.war"), "/x").war(Path.of("b.war"), "/x/").start());
    }

    @Test
    void missingWarIsReportedBeforeAnythingStarts()
    {
        LygerStartException x = assertThrows(LygerStartException.class,
            () -> Lyger.server().war(Path.of("target/does-not-exist.war")).port(0).start());
        assertEquals(LygerStartException.Reason.WAR_NOT_FOUND, x.reason());
        assertEquals(2, x.reason().exitCode());
        assertEquals("no such WAR file or directory: target/does-not-exist.war", x.getMessage());
    }

    @Test
    void httpConfigurationCustomizerSetsTheConnectorsConfigurationOverLygersDefaults()
    {
        AtomicBoolean sawLygersDefaults = new AtomicBoolean();
        try (LygerServer server = Lyger.server().noWars().port(0).host("127.0.0.1").connector(ConnectorKind.JETTY).stopAtShutdown(false)
            .httpConfiguration(config -> {
                sawLygersDefaults.set(!config.getSendServerVersion() && !config.getSendXPoweredBy());
                config.setRequestHeaderSize(32 * 1024);
                config.setRelativeRedirectAllowed(false);
            })
            .start())
        {
            assertTrue(sawLygersDefaults.get(), "the customizer runs after Lyger's defaults");
            LygerConnector connector = (LygerConnector) server.jetty().getConnectors()[0];
            assertEquals(32 * 1024, connector.getHttpConfiguration().getRequestHeaderSize());
            assertEquals(false, connector.getHttpConfiguration().isRelativeRedirectAllowed());
        }
    }

    @Test
    void withoutATrainingProfileAWarIsScannedEvenWithAQuickstartDescriptorOfItsOwn(@TempDir Path dir) throws Exception
    {
        // Jetty's quickstart is on the class path (for training profiles) and on by default there; Lyger turns it off
        Files.createDirectories(dir.resolve("WEB-INF"));
        Files.writeString(dir.resolve("WEB-INF/quickstart-web.xml"), "<web-app/>");
        WebAppContext webApp = Lyger.newWebApp(new Deployment(dir, "/"), new Server());
        assertTrue(webApp.getConfigurations().stream().noneMatch(c -> c instanceof QuickStartConfiguration),
            webApp.getConfigurations().toString());
        assertTrue(webApp.getConfigurations().stream().anyMatch(c -> c instanceof WebXmlConfiguration));
    }
}
