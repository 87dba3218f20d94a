package io.lyger.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unpacked distribution with {@code --realm} and {@code --jndi}: JNDI, JAAS and the pool are in its lib/, and a
 * JDBC driver dropped into lib/ (as the README says) serves a pooled DataSource.
 */
class DistributionResourcesIT
{
    @Test
    void libHoldsJndiAndThePool(@TempDir Path dir) throws Exception
    {
        Path home = DistributionIT.unpack(dir);
        List<String> jars;
        try (Stream<Path> lib = Files.list(home.resolve("lib")))
        {
            jars = lib.map(jar -> jar.getFileName().toString()).toList();
        }
        for (String prefix : List.of("HikariCP-", "jetty-plus-", "jetty-jndi-", "jetty-ee11-plus-", "jetty-ee11-annotations-", "jetty-security-"))
            assertTrue(jars.stream().anyMatch(jar -> jar.startsWith(prefix)), prefix + "*.jar in lib/: " + jars);
    }

    @Test
    void aDriverInLibServesAJndiDataSourceAndABadRealmIsOneLine(@TempDir Path dir) throws Exception
    {
        Path home = DistributionIT.unpack(dir);
        Path h2 = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.copy(h2, home.resolve("lib").resolve(h2.getFileName()));
        Path war = dir.resolve("app.war");
        Files.copy(DistributionIT.SAMPLE_WAR, war);
        Path users = Files.writeString(dir.resolve("users.properties"), "alice: secret, user\n");
        Path jndi = Files.writeString(dir.resolve("jndi.properties"),
            "jdbc/shop.type=DataSource\njdbc/shop.url=jdbc:h2:mem:dist;DB_CLOSE_DELAY=-1\njdbc/shop.user=sa\ngreeting.value=Hello\n");

        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = DistributionIT.lyger(home, "serve", war.toString(), "--host=127.0.0.1", "--port=0", "--realm", "shop=" + users, "--jndi=" + jndi)
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try
        {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(out).contains(" ready on http://127.0.0.1:"))
            {
                if (!process.isAlive() || System.nanoTime() - deadline > 0)
                    fail("bin/lyger never said it was ready; stdout:\n" + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
                Thread.sleep(50);
            }
            assertTrue(Files.readString(out).contains("JNDI resource jdbc/shop: a connection pool on jdbc:h2:mem:dist"), Files.readString(out));
            process.destroy();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "exits after SIGTERM");
            assertEquals(0, process.exitValue(), Files.readString(err));
        }
        finally
        {
            if (process.isAlive())
                process.destroyForcibly();
        }

        Path missing = dir.resolve("missing.properties");
        Process bad = DistributionIT.lyger(home, "serve", war.toString(), "--port=0", "--realm", "shop=" + missing)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        assertTrue(bad.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, bad.exitValue(), Files.readString(err));
        assertEquals("lyger: realm 'shop': realm file " + missing + ": no such file", Files.readString(err).strip());
    }
}
