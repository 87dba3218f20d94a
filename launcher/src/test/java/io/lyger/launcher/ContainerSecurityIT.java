package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lyger.launcher.container.JaasRealm;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.util.security.Credential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Login services (realm files, JAAS, given ones) and JNDI resources through the embedded API, on both connectors,
 * with the test WARs of {@link SecureWars} and a real HTTP client.
 */
class ContainerSecurityIT
{
    private static LygerServer start(Lyger.Builder builder, ConnectorKind connector)
    {
        return builder.host("127.0.0.1").port(0).connector(connector).stopAtShutdown(false).start();
    }

    /** The BASIC WAR's answers for each user at {@code base} (ending in /): the realm named by its realm-name ("shop") decides. */
    static void assertBasicLogins(URI base) throws Exception
    {
        assertEquals("user=null admin=false auth=null", SecureWars.get(base.resolve("open"), null, null).body());

        HttpResponse<String> anonymous = SecureWars.get(base.resolve("user/page"), null, null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").contains("realm=\"shop\""), anonymous.headers().map().toString());

        HttpResponse<String> alice = SecureWars.get(base.resolve("user/page"), "alice", "secret");
        assertEquals(200, alice.statusCode());
        assertEquals("user=alice admin=false auth=BASIC", alice.body());
        assertEquals(403, SecureWars.get(base.resolve("admin/page"), "alice", "secret").statusCode(), "alice lacks the admin role");
        assertEquals(401, SecureWars.get(base.resolve("user/page"), "alice", "wrong").statusCode());

        HttpResponse<String> bob = SecureWars.get(base.resolve("admin/page"), "bob", "hunter2");
        assertEquals(200, bob.statusCode());
        assertEquals("user=bob admin=true auth=BASIC", bob.body());
    }

    @ParameterizedTest
    @EnumSource(ConnectorKind.class)
    void basicLoginThroughTheRealmTheWarNames(ConnectorKind connector, @TempDir Path dir) throws Exception
    {
        Path shop = SecureWars.write(dir.resolve("shop.properties"), SecureWars.USERS);
        Path other = SecureWars.write(dir.resolve("other.properties"), "carol: pass, user, admin\n");
        try (LygerServer server = start(Lyger.server().war(SecureWars.assemble("basic", dir)).realm("other", other).realm("shop", shop), connector))
        {
            assertBasicLogins(server.uri());
            assertEquals(401, SecureWars.get(server.uri().resolve("/user/page"), "carol", "pass").statusCode(), "carol is in another realm");
        }
    }

    @ParameterizedTest
    @EnumSource(ConnectorKind.class)
    void formLoginWithTheServersOnlyRealm(ConnectorKind connector, @TempDir Path dir) throws Exception
    {
        Path users = SecureWars.write(dir.resolve("users.properties"), SecureWars.USERS);
        try (LygerServer server = start(Lyger.server().war(SecureWars.assemble("form", dir)).realm("anything", users), connector))
        {
            HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> loginPage = browser.send(HttpRequest.newBuilder(server.uri().resolve("/user/page")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, loginPage.statusCode());
            assertTrue(loginPage.body().contains("Please log in"), loginPage.body());

            HttpResponse<String> loggedIn = browser.send(login(server.uri(), "alice", "secret"), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, loggedIn.statusCode(), loggedIn.body());
            assertEquals("user=alice admin=false auth=FORM", loggedIn.body(), "back at the page first asked for, logged in");
            HttpResponse<String> again = browser.send(HttpRequest.newBuilder(server.uri().resolve("/user/other")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("user=alice admin=false auth=FORM", again.body(), "the session cookie keeps alice logged in");
            assertEquals(403, browser.send(HttpRequest.newBuilder(server.uri().resolve("/admin/page")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());

            HttpClient stranger = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
            stranger.send(HttpRequest.newBuilder(server.uri().resolve("/user/page")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> refused = stranger.send(login(server.uri(), "alice", "wrong"), HttpResponse.BodyHandlers.ofString());
            assertTrue(refused.body().contains("Wrong user name or password"), refused.body());
        }
    }

    private static HttpRequest login(URI base, String user, String password)
    {
        return HttpRequest.newBuilder(base.resolve("/j_security_check"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("j_username=" + user + "&j_password=" + password)).build();
    }

    @Test
    void aProtectedWarWithoutALoginServiceStillFailsToDeploy(@TempDir Path dir)
    {
        LygerStartException failure = assertThrows(LygerStartException.class,
            () -> start(Lyger.server().war(SecureWars.assemble("basic", dir)), ConnectorKind.JETTY));
        assertEquals(LygerStartException.Reason.DEPLOYMENT_FAILED, failure.reason());
        assertTrue(failure.getMessage().contains("No LoginService"), failure.getMessage());
    }

    @Test
    void aWarWithAnotherRealmNameDoesNotGetTheOnlyRealm(@TempDir Path dir)
    {
        Path users = SecureWars.write(dir.resolve("users.properties"), SecureWars.USERS);
        LygerStartException failure = assertThrows(LygerStartException.class,
            () -> start(Lyger.server().war(SecureWars.assemble("basic", dir)).realm("elsewhere", users), ConnectorKind.JETTY));
        assertTrue(failure.getMessage().contains("No LoginService"), failure.getMessage());
    }

    @ParameterizedTest
    @EnumSource(ConnectorKind.class)
    void jaasWithJettysPropertyFileLoginModule(ConnectorKind connector, @TempDir Path dir) throws Exception
    {
        Path users = SecureWars.write(dir.resolve("jaas-users.properties"), SecureWars.USERS);
        Path config = SecureWars.write(dir.resolve("login.conf"), """
            // the entry is the realm: the WAR's <realm-name>shop</realm-name>
            shop {
                org.eclipse.jetty.security.jaas.spi.PropertyFileLoginModule required
                file="%s";
            };
            """.formatted(users));
        try (LygerServer server = start(Lyger.server().war(SecureWars.assemble("basic", dir)).jaasConfig(config), connector))
        {
            assertEquals(config.toAbsolutePath().toString(), System.getProperty(JaasRealm.CONFIG_PROPERTY));
            assertBasicLogins(server.uri());
        }
    }

    @Test
    void aLoginServiceOfYourOwn(@TempDir Path dir) throws Exception
    {
        UserStore users = new UserStore();
        users.addUser("alice", Credential.getCredential("secret"), new String[]{"user"});
        users.addUser("bob", Credential.getCredential("hunter2"), new String[]{"user", "admin"});
        HashLoginService shop = new HashLoginService("shop");
        shop.setUserStore(users);
        try (LygerServer server = start(Lyger.server().war(SecureWars.assemble("basic", dir)).loginService(shop), ConnectorKind.NATIVE))
        {
            assertBasicLogins(server.uri());
        }
    }

    /** A --jndi file with a pooled H2 DataSource and env-entries (one overriding web.xml's value, one not). */
    static Path jndiFile(Path dir, String database)
    {
        return SecureWars.write(dir.resolve("jndi.properties"), """
            jdbc/mydatasource.type=DataSource
            jdbc/mydatasource.url=jdbc:h2:mem:%s;DB_CLOSE_DELAY=-1
            jdbc/mydatasource.user=sa
            jdbc/mydatasource.password=
            jdbc/mydatasource.maximumPoolSize=4
            greeting.value=Hello from the server
            motto.value=from the server
            tagline.value=from the server
            tagline.override=true
            limit.type=Integer
            limit.value=25
            """.formatted(database));
    }

    /**
     * The JNDI WAR's page, twice: the second visit finds one more row in the database (counted from the first, as the
     * warm-up may have visited the page before).
     */
    static void assertJndi(URI base) throws Exception
    {
        String expected = """
            visits=%d
            same=true
            greeting=Hello from the server
            motto=from web.xml
            tagline=from the server
            limit=25 (Integer)
            """;
        HttpResponse<String> first = TestSupport.get(base.resolve("jndi"));
        assertEquals(200, first.statusCode(), first.body());
        Matcher visits = Pattern.compile("^visits=(\\d+)\n").matcher(first.body());
        assertTrue(visits.find(), first.body());
        int before = Integer.parseInt(visits.group(1));
        assertEquals(expected.formatted(before), first.body());
        assertEquals(expected.formatted(before + 1), TestSupport.get(base.resolve("jndi")).body(), "the second visit finds the first in the database");
    }

    @ParameterizedTest
    @EnumSource(ConnectorKind.class)
    void jndiDataSourceEnvEntriesAndResourceInjection(ConnectorKind connector, @TempDir Path dir) throws Exception
    {
        Path jndi = jndiFile(dir, "embedded-" + connector);
        try (LygerServer server = start(Lyger.server().war(SecureWars.assemble("jndi", dir)).jndi(jndi), connector))
        {
            assertJndi(server.uri());
        }
    }
}
