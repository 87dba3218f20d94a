package io.lyger.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;

import io.lyger.launcher.testwar.WhoAmIServlet;

/**
 * The test WARs of the container tests, assembled as exploded WAR directories: {@code src/test/resources/wars/NAME}
 * (web.xml, pages) plus the compiled servlets of {@code io.lyger.launcher.testwar} in {@code WEB-INF/classes}.
 * <ul>
 * <li>{@code basic}: BASIC, realm {@code shop}; {@code /user/*} needs role user, {@code /admin/*} role admin,
 * {@code /open} nothing; each answers {@code user=NAME admin=BOOL auth=TYPE};</li>
 * <li>{@code form}: the same constraints with FORM login ({@code /login.html}, {@code /error.html}), no realm name;</li>
 * <li>{@code jndi}: {@code /jndi} shows a resource-ref DataSource (used), env-entries and {@code @Resource} fields;</li>
 * <li>{@code tls}: {@code /tls} shows scheme, isSecure, cipher suite and client certificate; {@code /confidential/*} is CONFIDENTIAL.</li>
 * </ul>
 */
final class SecureWars
{
    /** alice is a user, bob a user and an admin (Jetty's realm properties format). */
    static final String USERS = "alice: secret, user\nbob: hunter2, user, admin\n";

    private SecureWars()
    {
    }

    static Path assemble(String name, Path dir)
    {
        try
        {
            Path war = dir.resolve(name);
            copyTree(resource("wars/" + name), war);
            Path classes = Path.of(WhoAmIServlet.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            copyTree(classes.resolve("io/lyger/launcher/testwar"), war.resolve("WEB-INF/classes/io/lyger/launcher/testwar"));
            return war;
        }
        catch (IOException x)
        {
            throw new UncheckedIOException(x);
        }
        catch (URISyntaxException x)
        {
            throw new IllegalStateException(x);
        }
    }

    static Path write(Path file, String content)
    {
        try
        {
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        }
        catch (IOException x)
        {
            throw new UncheckedIOException(x);
        }
    }

    /** GET with BASIC credentials (none when {@code user} is null). */
    static HttpResponse<String> get(URI uri, String user, String password) throws IOException, InterruptedException
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (user != null)
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return TestSupport.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path resource(String name) throws URISyntaxException
    {
        return Path.of(SecureWars.class.getClassLoader().getResource(name).toURI());
    }

    private static void copyTree(Path from, Path to) throws IOException
    {
        try (Stream<Path> files = Files.walk(from))
        {
            for (Path file : (Iterable<Path>)files::iterator)
            {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file))
                    Files.createDirectories(target);
                else
                    Files.copy(file, target);
            }
        }
    }
}
