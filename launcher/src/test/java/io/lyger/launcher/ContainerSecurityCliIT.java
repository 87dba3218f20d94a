package io.lyger.launcher;

import static io.lyger.launcher.InProcessCli.assertOneLine;
import static io.lyger.launcher.InProcessCli.main;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.lyger.launcher.InProcessCli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --realm}, {@code --jaas-config} and {@code --jndi} through the CLI: bad files are one line naming the
 * file and exit code 2 (in process, through Main), a pool that cannot connect exit code 4, and {@code bin/lyger} as a
 * subprocess serving the BASIC and JNDI test WARs with the JDBC driver from {@code LYGER_CLASSPATH}.
 */
class ContainerSecurityCliIT
{

    private static Result serve(Path war, String... options)
    {
        String[] args = new String[options.length + 4];
        args[0] = "serve";
        args[1] = war.toString();
        args[2] = "--host=127.0.0.1";
        args[3] = "--port=0";
        System.arraycopy(options, 0, args, 4, options.length);
        return main(args);
    }

    /**
     * Serves {@code war} with {@code option} naming the file {@code name} of {@code dir}, holding {@code content}
     * (null: no such file): exit code 2, one line naming the file and saying {@code why}.
     */
    private static void assertBadFile(Path war, String option, Path dir, String name, String content, String why)
    {
        Path file = dir.resolve(name);
        if (content != null)
            SecureWars.write(file, content);
        assertOneLine(serve(war, option + file), 2, file.toString(), why);
    }

    @Test
    void badRealmsExit2NamingTheFile(@TempDir Path dir)
    {
        Path war = SecureWars.assemble("basic", dir);
        String realm = "--realm=shop=";
        assertBadFile(war, realm, dir, "missing.properties", null, "realm 'shop': realm file ");
        assertBadFile(war, realm, dir, "missing.properties", null, "no such file");
        assertBadFile(war, realm, dir, "nopassword.properties", "alice: secret, user\nbob\n", "user 'bob' has no password");
        assertBadFile(war, realm, dir, "escape.properties", "alice: sec\\uZZZZret\n", "not a properties file");
        assertBadFile(war, realm, dir, "empty.properties", "# nobody\n", "defines no user");

        assertOneLine(serve(war, "--realm", "shop"), 2, "--realm takes NAME=FILE");
        Path users = SecureWars.write(dir.resolve("users.properties"), SecureWars.USERS);
        assertOneLine(serve(war, "--realm", "shop=" + users, "--realm", "shop=" + users), 2, "two login services are named 'shop'");
    }

    @Test
    void badJaasConfigurationsExit2NamingTheFile(@TempDir Path dir)
    {
        Path war = SecureWars.assemble("basic", dir);
        String jaas = "--jaas-config=";
        assertBadFile(war, jaas, dir, "missing.conf", null, "JAAS configuration ");
        assertBadFile(war, jaas, dir, "missing.conf", null, "no such file");
        assertBadFile(war, jaas, dir, "garbage.conf", "shop { this is not ; valid\n", "not a JAAS configuration");
        assertBadFile(war, jaas, dir, "unknown.conf", "shop { com.example.NoSuchModule required; };\n", "com.example.NoSuchModule not found");
        Path noUsers = dir.resolve("no-users.properties");
        assertBadFile(war, jaas, dir, "users-missing.conf",
            "shop { org.eclipse.jetty.security.jaas.spi.PropertyFileLoginModule required file=\"" + noUsers + "\"; };\n",
            "entry 'shop': users file " + noUsers + ": no such file");
    }

    @Test
    void badJndiFilesExit2NamingTheFile(@TempDir Path dir)
    {
        Path war = SecureWars.assemble("jndi", dir);
        String jndi = "--jndi=";
        assertBadFile(war, jndi, dir, "missing.properties", null, "JNDI file ");
        assertBadFile(war, jndi, dir, "missing.properties", null, "no such file");
        assertBadFile(war, jndi, dir, "orphan.properties", "jdbc/ds.url=jdbc:h2:mem:x\n", "'jdbc/ds.url' belongs to no resource");
        assertBadFile(war, jndi, dir, "nourl.properties", "jdbc/ds.type=DataSource\n", "jdbc/ds.url is missing");
        assertBadFile(war, jndi, dir, "setting.properties", "jdbc/ds.type=DataSource\njdbc/ds.url=jdbc:h2:mem:x\njdbc/ds.poolSize=3\n", "poolSize");
        assertBadFile(war, jndi, dir, "nodriver.properties", "jdbc/ds.type=DataSource\njdbc/ds.url=jdbc:nosuchdb://localhost/x\n",
            "no JDBC driver on the server's class path takes jdbc:nosuchdb://localhost/x");
        assertBadFile(war, jndi, dir, "badvalue.properties", "limit.type=Integer\nlimit.value=many\n", "'many' is not a Integer");
    }

    @Test
    void aPoolThatCannotConnectExits4NamingTheResourceUnlessLazy(@TempDir Path dir) throws Exception
    {
        Path war = SecureWars.assemble("jndi", dir);
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0))
        {
            closedPort = socket.getLocalPort();
        }
        Path unreachable = SecureWars.write(dir.resolve("unreachable.properties"),
            "jdbc/mydatasource.type=DataSource\njdbc/mydatasource.url=jdbc:h2:tcp://127.0.0.1:" + closedPort + "/nothing\n");
        assertOneLine(serve(war, "--jndi=" + unreachable), 4, "JNDI resource jdbc/mydatasource", unreachable.toString(), "cannot connect");

        // HikariCP's initializationFailTimeout=-1: the pool starts without a connection, the server with it
        Path lazy = SecureWars.write(dir.resolve("lazy.properties"), Files.readString(unreachable)
            + "jdbc/mydatasource.initializationFailTimeout=-1\njdbc/mydatasource.connectionTimeout=1000\n");
        Result started = serve(war, "--jndi=" + lazy);
        assertEquals(0, started.exitCode(), "serve started (and was stopped at once): " + started.stderr());
    }

    @Test
    void binLygerServesWithRealmAndJndi(@TempDir Path dir) throws Exception
    {
        Path basic = SecureWars.assemble("basic", dir);
        Path jndiWar = SecureWars.assemble("jndi", dir);
        Path users = SecureWars.write(dir.resolve("users.properties"), SecureWars.USERS);
        Path jndi = ContainerSecurityIT.jndiFile(dir, "cli");
        Path h2 = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder builder = CliProcessSupport.lyger("serve", basic.toString(), jndiWar.toString(), "--context-path=/basic", "--context-path=/data",
            "--host=127.0.0.1", "--port=0", "--realm", "shop=" + users, "--jndi=" + jndi);
        builder.environment().put("LYGER_CLASSPATH", h2.toString());
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try
        {
            URI base = URI.create("http://127.0.0.1:" + CliProcessSupport.readyPort(process, out, err) + "/");
            ContainerSecurityIT.assertBasicLogins(base.resolve("/basic/"));
            ContainerSecurityIT.assertJndi(base.resolve("/data/"));
            process.destroy();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bin/lyger exits after SIGTERM");
            assertEquals(0, process.exitValue());
            assertEquals("", Files.readString(err), "nothing on stderr");
        }
        finally
        {
            if (process.isAlive())
                process.destroyForcibly();
        }
    }

    @Test
    void binLygerExits2OnABadRealmFile(@TempDir Path dir) throws Exception
    {
        Path war = SecureWars.assemble("basic", dir);
        Path missing = dir.resolve("missing.properties");
        Path err = dir.resolve("stderr.txt");
        Process process = CliProcessSupport.lyger("serve", war.toString(), "--port=0", "--realm", "shop=" + missing)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), Files.readString(err));
        assertEquals("lyger: realm 'shop': realm file " + missing + ": no such file", Files.readString(err).strip());
    }
}
