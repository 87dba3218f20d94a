package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lyger.launcher.testwar.EchoEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training profile's quickstart descriptors ({@code training/QuickStartDescriptor}): {@code lyger train} writes one
 * per web application into the profile, a {@code serve} with the profile starts the web applications from them (no
 * annotation or fragment scan) and they serve as a scanned start does; a changed WAR ignores the profile, and the
 * descriptor with it. Two WARs in one profile: the container test WAR (JSP with JSTL and a tag file, a
 * {@code @ServerEndpoint} only the scan finds, a context XML moving it to {@code /shop}, a {@code jetty-web.xml}) and
 * the BASIC-realm WAR (constraints and login config from its {@code web.xml}, the server's realm file).
 */
class QuickStartProfileIT
{
    @Test
    void aTrainedServeStartsFromTheDescriptorsAndServesTheSame(@TempDir Path dir) throws Exception
    {
        Path war = ContainerTestWar.write(dir.resolve("app.war"));
        ContainerTestWar.writeContextXml(war, "/shop");
        Path basic = SecureWars.assemble("basic", dir);
        Path users = SecureWars.write(dir.resolve("users.properties"), SecureWars.USERS);
        List<String> options = List.of(war.toString(), basic.toString(), "--host=127.0.0.1", "--port=0", "--no-warmup", "--realm=shop=" + users);

        Path out = dir.resolve("train.out");
        Path err = dir.resolve("train.err");
        Process train = CliProcessSupport.lyger(args("train", options)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(train.waitFor(180, TimeUnit.SECONDS), "train ends once its web applications have started");
        assertEquals(0, train.exitValue(), Files.readString(out) + Files.readString(err));
        Path profile = dir.resolve("app.war.lyger-profile");
        String descriptor = Files.readString(profile.resolve("quickstart-web.shop.xml"));
        assertTrue(descriptor.contains(EchoEndpoint.class.getName()), "the scan's find is in the descriptor:\n" + descriptor);
        assertTrue(Files.isRegularFile(profile.resolve("quickstart-web.basic.xml")));
        assertTrue(Files.readString(profile.resolve("profile.properties")).contains("quickstart.files=quickstart-web.basic.xml quickstart-web.shop.xml"));

        String log = serveAndCheck(dir, "trained", options);
        for (String context : new String[]{"/shop starts from its quickstart descriptor quickstart-web.shop.xml",
            "/basic starts from its quickstart descriptor quickstart-web.basic.xml"})
            assertTrue(log.contains("Training profile " + profile + ": " + context), log);
        // from the descriptors too, the WAR without JSP starts without JSP support, the one with JSPs with it
        assertTrue(log.contains("/basic: no JSP in it"), log);
        assertFalse(log.contains("/shop: no JSP in it"), log);

        // a changed WAR: one more entry
        try (FileSystem zip = FileSystems.newFileSystem(war))
        {
            Files.writeString(zip.getPath("new.txt"), "new\n");
        }
        log = serveAndCheck(dir, "changed", options);
        assertTrue(log.contains("Training profile " + profile + " ignored: the WAR changed since the training run"), log);
        assertFalse(log.contains("quickstart descriptor"), log);
    }

    /** Serves until ready, checks the JSP, WebSocket and realm parts, stops: @return its stdout */
    private static String serveAndCheck(Path dir, String name, List<String> options) throws Exception
    {
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process serve = CliProcessSupport.lyger(args("serve", options)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try
        {
            int port = CliProcessSupport.readyPort(serve, out, err);
            URI base = URI.create("http://127.0.0.1:" + port + "/");
            HttpResponse<String> hello = TestSupport.get(base.resolve("shop/hello.jsp?name=jsp"));
            assertEquals(200, hello.statusCode(), hello.body());
            assertEquals(ContainerTestWar.expectedHello(dir), hello.body().strip());
            WebSocketEchoClient.assertEchoes(URI.create("ws://127.0.0.1:" + port + "/shop/echo"));
            assertEquals(401, SecureWars.get(base.resolve("basic/user/x"), null, null).statusCode());
            HttpResponse<String> alice = SecureWars.get(base.resolve("basic/user/x"), "alice", "secret");
            assertEquals(200, alice.statusCode(), alice.body());
            assertTrue(alice.body().contains("user=alice"), alice.body());
            assertEquals(403, SecureWars.get(base.resolve("basic/admin/x"), "alice", "secret").statusCode());
            CliProcessSupport.assertStopsOnSigterm(serve, err);
            return Files.readString(out);
        }
        finally
        {
            serve.destroyForcibly();
        }
    }

    private static String[] args(String command, List<String> options)
    {
        String[] args = new String[options.size() + 1];
        args[0] = command;
        for (int i = 0; i < options.size(); i++)
            args[i + 1] = options.get(i);
        return args;
    }
}
