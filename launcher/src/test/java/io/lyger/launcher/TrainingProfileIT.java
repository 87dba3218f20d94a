package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lyger train} then {@code lyger serve}, through bin/lyger, on a small exploded WAR that declares its warm-up
 * requests (so that each start takes seconds, not the sample's database seed). One training run (with
 * {@code --record} and a real client) makes the profile the other tests use, change or damage.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainingProfileIT
{
    @TempDir
    static Path dir;
    static Path war;
    static Path profile;

    @BeforeAll
    static void war() throws Exception
    {
        war = dir.resolve("app");
        Files.createDirectories(war.resolve("WEB-INF"));
        Files.writeString(war.resolve("WEB-INF/web.xml"), "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.1\"/>\n");
        Files.writeString(war.resolve("hello.txt"), "hello\n");
        Files.writeString(war.resolve("other.txt"), "other\n");
        Files.writeString(war.resolve("WEB-INF/lyger-warmup.properties"), "container-requests=false\nrequest.1=GET /hello.txt\nrequest.2=POST /hello.txt\n");
        profile = dir.resolve("app.lyger-profile");
    }

    @Test
    @Order(1)
    void trainRecordsOnlyWhatTheRulesAllowWithoutSecrets() throws Exception
    {
        Path out = dir.resolve("train.out");
        Path err = dir.resolve("train.err");
        Process train = CliProcessSupport.lyger("train", war.toString(), "--host=127.0.0.1", "--port=0", "--warmup-budget=1", "--record=6")
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        Matcher recording = CliProcessSupport.awaitLog(train, out, err, Pattern.compile("recording the requests clients send to http://127\\.0\\.0\\.1:(\\d+)"));
        URI base = URI.create("http://127.0.0.1:" + recording.group(1));
        // what a client sends: a declared GET with cookies, credentials and a secret in its query; an undeclared
        // path; a declared path with a method that needs a body
        HttpResponse<String> declared = TestSupport.CLIENT.send(HttpRequest.newBuilder(base.resolve("/hello.txt?lang=en&access_token=s3cret&apiKey=k3y"))
            .header("Cookie", "JSESSIONID=c00kie").header("Authorization", "Basic dXNlcjpwYXNzd29yZA==").header("Accept", "text/plain").build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, declared.statusCode());
        assertEquals(200, TestSupport.get(base.resolve("/other.txt")).statusCode());
        TestSupport.CLIENT.send(HttpRequest.newBuilder(base.resolve("/hello.txt")).POST(HttpRequest.BodyPublishers.ofString("b0dy")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertTrue(train.waitFor(180, TimeUnit.SECONDS), "train ends after its recording");
        assertEquals(0, train.exitValue(), Files.readString(out) + Files.readString(err));
        assertTrue(Files.readString(out).contains("Training profile written to " + profile), Files.readString(out));

        String plan = Files.readString(profile.resolve("plan.properties"));
        assertTrue(plan.contains("request.1=GET /hello.txt?lang\\=en"), plan);
        assertTrue(plan.contains("request.1.header.Accept=text/plain"), plan);
        for (String refused : new String[]{"other.txt", "POST", "s3cret", "k3y", "access_token", "apiKey", "c00kie", "Cookie", "Authorization", "dXNlcj", "b0dy"})
            assertFalse(plan.contains(refused), refused + " in " + plan);
        assertTrue(Files.exists(profile.resolve("profile.properties")));
    }

    @Test
    @Order(2)
    void serveUsesTheProfile() throws Exception
    {
        String log = serve("served-with-profile");
        assertTrue(log.contains("Training profile " + profile + " in use"), log);
        String flag = Runtime.version().feature() >= 25 ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";
        assertTrue(Pattern.compile("JVM flags in effect: .*" + Pattern.quote(flag + profile)).matcher(log).find(), log);
        assertTrue(log.contains("1 recorded warm-up requests"), log);
    }

    @Test
    @Order(3)
    void anotherJdkBuildIsIgnoredWithItsLine() throws Exception
    {
        Path manifest = profile.resolve("profile.properties");
        String trained = Files.readString(manifest);
        try
        {
            // what a profile trained on another JDK holds: its build in java.vm.version
            Files.writeString(manifest, trained.replaceFirst("(?m)^java\\.vm\\.version=.*$", "java.vm.version=11.0.0+0-other"));
            String log = serve("other-jdk");
            assertTrue(log.contains("Training profile " + profile + " ignored: it was trained on another JDK build; starting without it"), log);
            assertFalse(log.contains("in use"), log);
        }
        finally
        {
            Files.writeString(manifest, trained);
        }
    }

    @Test
    @Order(4)
    void aCorruptProfileNeverStopsAStart() throws Exception
    {
        Path manifest = profile.resolve("profile.properties");
        String trained = Files.readString(manifest);
        Path data = Files.list(profile).filter(p -> p.getFileName().toString().startsWith("lyger.")).findFirst().orElseThrow();
        byte[] aot = Files.readAllBytes(data);
        try
        {
            Files.writeString(manifest, "\\u00zz garbage\n");
            assertTrue(serve("corrupt-manifest").contains("Training profile " + profile + " ignored: its profile.properties is unreadable or corrupt"));
            Files.writeString(manifest, trained);
            data.toFile().setWritable(true);
            Files.write(data, java.util.Arrays.copyOf(aot, aot.length / 2));
            assertTrue(serve("truncated-aot").contains("is missing or damaged; starting without it"));
        }
        finally
        {
            Files.writeString(manifest, trained);
            Files.write(data, aot);
        }
    }

    @Test
    @Order(5)
    void aChangedWarIsIgnoredWithItsLine() throws Exception
    {
        Files.writeString(war.resolve("new.txt"), "new\n");
        String log = serve("changed-war");
        assertTrue(log.contains("Training profile " + profile + " ignored: the WAR changed since the training run"), log);
    }

    /** Serves the WAR until ready, checks it answers, stops it: @return its stdout */
    private static String serve(String name) throws Exception
    {
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process serve = CliProcessSupport.lyger("serve", war.toString(), "--host=127.0.0.1", "--port=0", "--warmup-budget=1")
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try
        {
            int port = CliProcessSupport.readyPort(serve, out, err);
            assertEquals("hello\n", TestSupport.get(URI.create("http://127.0.0.1:" + port + "/hello.txt")).body());
            CliProcessSupport.assertStopsOnSigterm(serve, err);
            return Files.readString(out);
        }
        finally
        {
            serve.destroyForcibly();
        }
    }
}
