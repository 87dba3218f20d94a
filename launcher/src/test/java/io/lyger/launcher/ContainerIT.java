package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.lyger.warm.WarmOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ee11 container of the embedded API, on both connectors: JSP with JSTL and tag files, Jakarta WebSocket, a
 * context XML beside the WAR (read again by {@code --watch}), the WAR's own jetty-web.xml, and Jetty's MBeans on the
 * platform MBeanServer.
 */
class ContainerIT
{
    @TempDir
    static Path webapps;
    private static final Map<ConnectorKind, LygerServer> SERVERS = new EnumMap<>(ConnectorKind.class);

    /** One server per connector serving the test WAR twice: with a context XML beside it (at /shop) and without. */
    @BeforeAll
    static void start() throws Exception
    {
        Path withXml = ContainerTestWar.write(webapps.resolve("app.war"));
        ContainerTestWar.writeContextXml(withXml, "/shop");
        Path plain = Files.createDirectories(webapps.resolve("plain"));
        ContainerTestWar.write(plain.resolve("plain.war"));
        Path noJsp = ContainerTestWar.writeWithStatus(webapps.resolve("nojsp.war"), Map.of());
        // JSP only in a jar's META-INF/resources; a JSP only named by a jsp-file (an .html file compiled as JSP)
        Path libJsp = ContainerTestWar.writeWithStatus(webapps.resolve("libjsp.war"),
            Map.of("WEB-INF/lib/pages.jar", "META-INF/resources/lib.jsp=<%@ page contentType=\"text/plain\" %><%= 6 * 7 %>"));
        Path jspFile = ContainerTestWar.writeWithStatus(webapps.resolve("jspfile.war"), Map.of(
            "WEB-INF/page.html", "<%@ page contentType=\"text/plain\" %><%= 6 * 7 %>",
            "WEB-INF/web.xml", """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
                  <servlet><servlet-name>page</servlet-name><jsp-file>/WEB-INF/page.html</jsp-file></servlet>
                  <servlet-mapping><servlet-name>page</servlet-name><url-pattern>/page</url-pattern></servlet-mapping>
                </web-app>
                """));
        // nothing JSP in it, but JSP support asked for (its JSPs would come from an initializer's addJspFile)
        Path alwaysJsp = ContainerTestWar.writeWithStatus(webapps.resolve("alwaysjsp.war"), Map.of(
            "WEB-INF/web.xml", """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
                  <context-param><param-name>lyger.jsp</param-name><param-value>always</param-value></context-param>
                </web-app>
                """));
        for (ConnectorKind kind : ConnectorKind.values())
        {
            SERVERS.put(kind, builder().war(withXml, "/app").war(plain.resolve("plain.war"), "/plain")
                .war(noJsp, "/nojsp").war(libJsp, "/libjsp").war(jspFile, "/jspfile").war(alwaysJsp, "/alwaysjsp").connector(kind).start());
        }
    }

    /** @return a server on a free loopback port, cold (the warm-up is tested in cdi-integration). */
    private static Lyger.Builder builder()
    {
        return Lyger.server().host("127.0.0.1").port(0).warm(WarmOptions.defaults().cold()).stopAtShutdown(false);
    }

    @AfterAll
    static void stop()
    {
        SERVERS.values().forEach(LygerServer::stop);
    }

    @ParameterizedTest
    @EnumSource(ConnectorKind.class)
    void jspPagesCompileWithJstlAndTagFiles(ConnectorKind kind) throws Exception
    {
        HttpResponse<String> response = TestSupport.get(SERVERS.get(kind), "/plain/hello.jsp?name=jsp");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(ContainerTestWar.expectedHello(null), response.body().strip());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertEquals(500, TestSupport.get(SERVERS.get(kind), "/plain/broken.jsp").statusCode(), "a page that does not compile");
    }

    @ParameterizedTest
    @EnumSource(ConnectorKind.class)
    void aWebAppWithNothingJspStartsWithoutJspSupport(ConnectorKind kind) throws Exception
    {
        LygerServer server = SERVERS.get(kind);
        assertEquals("jsp-servlet=false jasper=false", TestSupport.get(server, "/nojsp/jsp-status").body());
        assertEquals("hello", TestSupport.get(server, "/nojsp/hello.txt").body().strip());
        assertEquals(404, TestSupport.get(server, "/nojsp/missing.jsp").statusCode(), "a .jsp is a missing file there, as any other");
        // JSP in a jar's META-INF/resources, or named by a jsp-file only: JSP support as always
        for (String app : new String[]{"/libjsp", "/jspfile", "/alwaysjsp"})
            assertEquals("jsp-servlet=true jasper=true", TestSupport.get(server, app + "/jsp-status").body(), app);
        HttpResponse<String> fromJar = TestSupport.get(server, "/libjsp/lib.jsp");
        assertEquals(200, fromJar.statusCode(), fromJar.body());
        assertEquals("42", fromJar.body().strip());
        HttpResponse<String> jspFile = TestSupport.get(server, "/jspfile/page");
        assertEquals(200, jspFile.statusCode(), jspFile.body());
        assertEquals("42", jspFile.body().strip());
        assertEquals(404, TestSupport.get(server, "/libjsp/missing.jsp").statusCode(), "Jasper's answer for a missing page");
    }

    @ParameterizedTest
    @EnumSource(ConnectorKind.class)
    void contextXmlBesideTheWarConfiguresItsWebApp(ConnectorKind kind) throws Exception
    {
        LygerServer server = SERVERS.get(kind);
        HttpResponse<String> response = TestSupport.get(server, "/shop/hello.jsp?name=jsp");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(ContainerTestWar.expectedHello(webapps), response.body().strip());
        assertEquals(404, TestSupport.get(server, "/app/hello.jsp").statusCode(), "the context XML moved it from /app to /shop");
        assertTrue(server.deployments().contains(new Deployment(webapps.resolve("app.war"), "/shop")), server.deployments().toString());
    }

    @ParameterizedTest
    @EnumSource(ConnectorKind.class)
    void webSocketEndpointEchoes(ConnectorKind kind) throws Exception
    {
        WebSocketEchoClient.assertEchoes(URI.create("ws://127.0.0.1:" + SERVERS.get(kind).port() + "/plain/echo"));
        // the upgrade went through Lyger's filter, which Jetty's WebSocket initializer found instead of adding its own
        for (org.eclipse.jetty.ee11.webapp.WebAppContext webApp : SERVERS.get(kind).jetty().getDescendants(org.eclipse.jetty.ee11.webapp.WebAppContext.class))
        {
            java.util.List<String> upgradeFilters = java.util.Arrays.stream(webApp.getServletHandler().getFilters())
                .filter(h -> h.getFilter() instanceof org.eclipse.jetty.ee11.websocket.servlet.WebSocketUpgradeFilter)
                .map(h -> h.getFilter().getClass().getSimpleName()).toList();
            assertEquals(java.util.List.of("UpgradeOnlyWebSocketFilter"), upgradeFilters, webApp.getContextPath());
        }
    }

    @Test
    void watchRedeploysWhenTheContextXmlChanges() throws Exception
    {
        Path dir = Files.createDirectories(webapps.resolve("watched"));
        Path war = ContainerTestWar.write(dir.resolve("watched.war"));
        Path xml = dir.resolve("watched.xml");
        Files.writeString(xml, ContainerTestWar.configureXml("  <Call name=\"setInitParameter\"><Arg>from.context-xml</Arg><Arg>one</Arg></Call>\n"));
        LygerServer server = builder().war(war).start();
        try (WarWatcher watcher = WarWatcher.watch(server, 100))
        {
            assertTrue(TestSupport.get(server, "/hello.jsp").body().contains("ctx=one\n"));
            // a broken XML is not deployed: the running web application stays
            Files.writeString(xml, "<Configure");
            Thread.sleep(1000);
            assertTrue(TestSupport.get(server, "/hello.jsp").body().contains("ctx=one\n"));

            Files.writeString(xml, ContainerTestWar.configureXml("  <Call name=\"setInitParameter\"><Arg>from.context-xml</Arg><Arg>second</Arg></Call>\n"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String body = "";
            while (!body.contains("ctx=second\n") && System.nanoTime() - deadline < 0)
            {
                Thread.sleep(100);
                HttpResponse<String> response = TestSupport.get(server, "/hello.jsp");
                body = response.statusCode() == 200 ? response.body() : "";
            }
            assertTrue(body.contains("ctx=second\n"), "redeployed with the changed context XML: " + body);
        }
        finally
        {
            server.stop();
        }
    }

    @Test
    void jettyMBeansAreOnThePlatformMBeanServerWhileTheServerRuns() throws Exception
    {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        ObjectName servers = new ObjectName("org.eclipse.jetty.server:type=server,*");
        ObjectName webApps = new ObjectName("org.eclipse.jetty.ee11.webapp:type=webappcontext,*");
        Set<ObjectName> before = mbeans.queryNames(servers, null);
        Set<ObjectName> webAppsBefore = mbeans.queryNames(webApps, null);
        LygerServer server = builder().war(ContainerTestWar.write(webapps.resolve("jmx.war"))).start();
        try
        {
            Set<ObjectName> running = mbeans.queryNames(servers, null);
            running.removeAll(before);
            assertEquals(1, running.size(), "this server's MBean: " + running);
            ObjectName name = running.iterator().next();
            assertEquals("STARTED", mbeans.getAttribute(name, "state"), name + " is a live view of the server");
            Set<ObjectName> contexts = mbeans.queryNames(webApps, null);
            contexts.removeAll(webAppsBefore);
            assertEquals(1, contexts.size(), "the web application's MBean: " + contexts);
            assertEquals("ROOT", contexts.iterator().next().getKeyProperty("name"));
        }
        finally
        {
            server.stop();
        }
        assertEquals(before, mbeans.queryNames(servers, null), "a stopped server's MBeans are unregistered");
        assertEquals(webAppsBefore, mbeans.queryNames(webApps, null), "and its web applications'");
    }

    @Test
    void jmxCanBeTurnedOff() throws Exception
    {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        ObjectName servers = new ObjectName("org.eclipse.jetty.server:type=server,*");
        Set<ObjectName> before = mbeans.queryNames(servers, null);
        LygerServer server = builder().war(ContainerTestWar.write(webapps.resolve("nojmx.war"))).jmx(false).start();
        try
        {
            assertEquals(before, mbeans.queryNames(servers, null));
        }
        finally
        {
            server.stop();
        }
    }

    @Test
    void malformedContextXmlFailsTheStartNamingTheFileAndLine() throws Exception
    {
        Path dir = Files.createDirectories(webapps.resolve("malformed"));
        Path war = ContainerTestWar.write(dir.resolve("bad.war"));
        Path xml = Files.writeString(dir.resolve("bad.xml"), "<?xml version=\"1.0\"?>\n<Configure class=\"org.eclipse.jetty.ee11.webapp.WebAppContext\">\n  <Set name=\"contextPath\">/x</Set\n</Configure>\n");
        LygerStartException failure = assertThrows(LygerStartException.class, () -> builder().war(war).start());
        assertEquals(LygerStartException.Reason.DEPLOYMENT_FAILED, failure.reason());
        assertTrue(failure.getMessage().startsWith("cannot deploy " + war + ": context XML " + xml + ": line 4: "), failure.getMessage());
        assertFalse(failure.getMessage().contains("\n"), failure.getMessage());
    }

    @Test
    void contextXmlSettingWhatDoesNotExistFailsTheStart() throws Exception
    {
        Path dir = Files.createDirectories(webapps.resolve("unknown"));
        Path war = ContainerTestWar.write(dir.resolve("odd.war"));
        Path xml = Files.writeString(dir.resolve("odd.xml"), ContainerTestWar.configureXml("  <Set name=\"noSuchProperty\">1</Set>\n"));
        LygerStartException failure = assertThrows(LygerStartException.class, () -> builder().war(war).start());
        assertEquals(LygerStartException.Reason.DEPLOYMENT_FAILED, failure.reason());
        assertTrue(failure.getMessage().startsWith("cannot deploy " + war + ": context XML " + xml + ": "), failure.getMessage());
        assertTrue(failure.getMessage().contains("setNoSuchProperty"), failure.getMessage());
    }
}
