package io.lyger.warm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.lyger.warm.testapp.NotesServlet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A persistence unit that only {@code persistence.xml} declares (no CDI bean exposes it; the application calls
 * {@code Persistence.createEntityManagerFactory} itself) is deployed before ready: its tables exist and its pool is
 * filled to its minimum before the application touches JPA, and the application's own factory gets that deployment
 * (no new database session). Cold, none of that has happened. Its database unreachable, the deployment fails with one
 * line naming the unit and the URL.
 */
class PersistenceXmlUnitIT
{
    @TempDir
    Path dir;

    /** The unit: the default pool starts with 1 connection and keeps up to 3, the read pool 1 to 2. */
    private Path webapp(String url, String extraProperty) throws Exception
    {
        return new TestWebapp()
            .jars(TestWebapp.JPA_JARS)
            .classes("Note", "NotesServlet", "GoodBean") // a bean: Weld boots only in a WAR that has one
            .servlets("/notes", "NotesServlet")
            .file("WEB-INF/classes/META-INF/persistence.xml", """
                <persistence xmlns="https://jakarta.ee/xml/ns/persistence" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="https://jakarta.ee/xml/ns/persistence https://jakarta.ee/xml/ns/persistence/persistence_3_2.xsd" version="3.2">
                  <persistence-unit name="notes" transaction-type="RESOURCE_LOCAL">
                    <provider>org.eclipse.persistence.jpa.PersistenceProvider</provider>
                    <class>io.lyger.warm.testapp.Note</class>
                    <exclude-unlisted-classes>true</exclude-unlisted-classes>
                    <properties>
                      <property name="jakarta.persistence.jdbc.url" value="%s"/>
                      <property name="jakarta.persistence.jdbc.driver" value="org.h2.Driver"/>
                      <property name="jakarta.persistence.jdbc.user" value="sa"/>
                      <property name="jakarta.persistence.jdbc.password" value=""/>
                      <property name="eclipselink.ddl-generation" value="create-or-extend-tables"/>
                      <property name="eclipselink.ddl-generation.output-mode" value="database"/>
                      <property name="eclipselink.weaving" value="false"/>
                      <property name="eclipselink.connection-pool.default.initial" value="1"/>
                      <property name="eclipselink.connection-pool.default.min" value="3"/>
                      <property name="eclipselink.connection-pool.default.max" value="8"/>
                      <property name="eclipselink.connection-pool.read.initial" value="1"/>
                      <property name="eclipselink.connection-pool.read.min" value="2"/>
                      <property name="eclipselink.connection-pool.read.max" value="4"/>
                      <property name="eclipselink.logging.level" value="WARNING"/>
                      %s
                    </properties>
                  </persistence-unit>
                </persistence>
                """.formatted(url, extraProperty))
            .build(dir.resolve("notes"));
    }

    private static Map<String, Long> numbers(String body)
    {
        Map<String, Long> numbers = new java.util.HashMap<>();
        for (String line : body.split("\n"))
        {
            String[] pair = line.split("=", 2);
            if (pair.length == 2 && pair[1].matches("\\d+"))
                numbers.put(pair[0], Long.parseLong(pair[1]));
        }
        return numbers;
    }

    @Test
    void deployedBeforeTheApplicationTouchesJpaAndSharedWithItsFactory() throws Exception
    {
        try (TestServer server = TestServer.start(webapp(NotesServlet.URL, ""), WarmOptions.defaults().withJitBudget(Duration.ZERO), 0))
        {
            String body = server.get("/notes").body();
            assertTrue(body.startsWith("table=true\nnotes=0\n"), "the table was created at deployment, before the first request: " + body);
            Map<String, Long> numbers = numbers(body);
            // default pool filled to its minimum (3, not its initial 1) and the read pool to its 2
            assertEquals(5, numbers.get("sessionsBefore"), body);
            assertEquals(numbers.get("sessionsBefore"), numbers.get("sessionsAfter"), "the application's factory logged in anew: " + body);

            @SuppressWarnings("unchecked")
            List<String> units = (List<String>)CdiReport.read(server.webApp).get("units");
            assertEquals(1, units.size(), units.toString());
            assertTrue(units.get(0).startsWith("persistence unit 'notes' deployed on " + NotesServlet.URL + " (declared in persistence.xml only), 1 entities, "
                + "1 named queries parsed, 1 with their SQL generated, pools default 3/3 read 2/2, in "), units.get(0));
        }
    }

    @Test
    void coldNothingIsDeployedUntilTheApplicationDoesIt() throws Exception
    {
        try (TestServer server = TestServer.start(webapp(NotesServlet.URL, ""), WarmOptions.defaults().cold(), 0))
        {
            String body = server.get("/notes").body();
            assertTrue(body.startsWith("table=false\nnotes=0\n"), body);
            assertEquals(0, numbers(body).get("sessionsBefore"), body);
        }
    }

    @Test
    void aUnitCanOptOut() throws Exception
    {
        try (TestServer server = TestServer.start(webapp(NotesServlet.URL, "<property name=\"lyger.warmup\" value=\"false\"/>"),
            WarmOptions.defaults().withJitBudget(Duration.ZERO), 0))
        {
            assertTrue(server.get("/notes").body().startsWith("table=false\n"));
            @SuppressWarnings("unchecked")
            List<String> units = (List<String>)CdiReport.read(server.webApp).get("units");
            assertEquals(List.of("persistence unit 'notes' left to the application (lyger.warmup=false)"), units);
        }
    }

    @Test
    void anUnreachableDatabaseFailsTheDeploymentWithOneLineNamingTheUnitAndUrl() throws Exception
    {
        int closedPort = TestServer.freePort(); // free, so nothing answers there
        String url = "jdbc:h2:tcp://127.0.0.1:" + closedPort + "/mem:notes";
        Path webapp = webapp(url, "");
        Exception failure = assertThrows(Exception.class, () -> TestServer.start(webapp, WarmOptions.defaults().withJitBudget(Duration.ZERO), 0).close());
        Throwable root = TestServer.rootCause(failure);
        String message = String.valueOf(root.getMessage());
        assertTrue(message.startsWith("persistence unit 'notes' cannot reach its database at " + url + ": "), "root cause: " + root);
        assertEquals(1, message.lines().count(), message);
    }
}
