package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lyger train} then {@code lyger serve}, through bin/lyger, on a small exploded WAR that declares its warm-up
 * requests (so that each start takes seconds, not the sample's database seed). One training run (with
 * {@code --record} and a real client) makes the profile the other tests use, change or damage. A trained serve through
 * bin/lyger is one JVM (the script's process, no child) with the profile's AOT flag among its arguments; started
 * without the script, the launcher runs it in a child JVM given the flag.
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

    static final String FLAG = Runtime.version().feature() >= 25 ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";

    @Test
    @Order(2)
    void serveUsesTheProfileInOneJvm() throws Exception
    {
        assertTrue(Files.exists(profile.resolve("launch.conf")), "train through bin/lyger writes the script's launch.conf");
        // the latency its warm-up reached, once it got to a window within its 1 s (a loaded machine may not)
        Matcher windows = Pattern.compile("JIT warm-up: .* \\((\\d+) windows").matcher(Files.readString(dir.resolve("train.out")));
        if (windows.find() && Integer.parseInt(windows.group(1)) > 0)
            assertTrue(Files.readString(profile.resolve("latency.properties")).contains("latency.ms.GET\\ /hello.txt="));
        String log = serve("served-with-profile");
        assertTrue(log.contains("Training profile " + profile + " in use (one JVM, started by bin/lyger)"), log);
        assertTrue(Pattern.compile("JVM flags in effect: .*" + Pattern.quote(FLAG + profile)).matcher(log).find(), log);
        assertFalse(log.contains("refused by the JVM"), log);
        assertTrue(Pattern.compile("1 recorded warm-up requests; the warm-up stops at the trained latency of \\d+ requests").matcher(log).find(), log);
        assertTrue(lastServe.oneJvm, "bin/lyger's process is the JVM, with no child: " + lastServe);
        assertTrue(lastServe.arguments.contains(FLAG + profile.resolve(Runtime.version().feature() >= 25 ? "lyger.aot" : "lyger.jsa")),
            lastServe.toString());
    }

    @Test
    @Order(2)
    void withoutTheScriptTheProfileRunsInAChildJvm() throws Exception
    {
        // java started directly, with bin/lyger's class path: the launcher checks the profile and relaunches
        Path jar;
        try (Stream<Path> jars = Files.list(CliProcessSupport.LYGER_HOME.resolve("launcher/target")))
        {
            jar = jars.filter(p -> p.getFileName().toString().matches("lyger-launcher-.*[0-9T](-SNAPSHOT)?\\.jar")).findFirst().orElseThrow();
        }
        Path javaBinary = Path.of(System.getProperty("lyger.java.home", System.getProperty("java.home")), "bin", "java");
        ProcessBuilder direct = new ProcessBuilder(javaBinary.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
            jar + File.pathSeparator + CliProcessSupport.LYGER_HOME.resolve("launcher/target/lib") + "/*", "io.lyger.launcher.Main",
            "serve", war.toString(), "--host=127.0.0.1", "--port=0", "--warmup-budget=1")
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        String log = serve("served-by-java", direct);
        assertTrue(log.contains("Training profile " + profile + " in use (a child JVM)"), log);
        assertTrue(Pattern.compile("JVM flags in effect: .*" + Pattern.quote(FLAG + profile)).matcher(log).find(), log);
        assertFalse(lastServe.oneJvm, "the launcher started a child JVM: " + lastServe);
    }

    @Test
    @Order(3)
    void anUpdatedJdkIsIgnoredByTheScriptWithItsLine() throws Exception
    {
        // what the script reads of a JDK updated in place: another JAVA_RUNTIME_VERSION in its release file
        String log = serveWithProfileLine("launch.conf", "java.release", "11.0.0+0-other", "updated-jdk");
        assertTrue(log.contains("Training profile " + profile + " ignored: the JDK was updated since the training run (11.0.0+0-other, now "), log);
        assertFalse(log.contains("in use"), log);
        assertTrue(lastServe.arguments.stream().noneMatch(a -> a.startsWith(FLAG)), lastServe.toString());
        assertTrue(lastServe.oneJvm, lastServe.toString());
    }

    @Test
    @Order(3)
    void anotherJdkBuildIsIgnoredWithItsLine() throws Exception
    {
        // what a profile trained on another JDK holds: its build in java.vm.version
        String log = serveWithProfileLine("profile.properties", "java.vm.version", "11.0.0+0-other", "other-jdk");
        assertTrue(log.contains("Training profile " + profile + " ignored: it was trained on another JDK build; starting without it"), log);
        assertFalse(log.contains("in use"), log);
    }

    /** @return the log of a serve while the profile's {@code file} says {@code key=value}; the file is restored after */
    private static String serveWithProfileLine(String file, String key, String value, String name) throws Exception
    {
        Path path = profile.resolve(file);
        String written = Files.readString(path);
        try
        {
            Files.writeString(path, written.replaceFirst("(?m)^" + Pattern.quote(key) + "=.*$", Matcher.quoteReplacement(key + "=" + value)));
            return serve(name);
        }
        finally
        {
            Files.writeString(path, written);
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
            Path launch = profile.resolve("launch.conf");
            String written = Files.readString(launch);
            Files.writeString(launch, "\0garbage=\nclasspath\n");
            assertTrue(serve("corrupt-launch-conf").contains("Training profile " + profile + " ignored: its launch.conf is incomplete or corrupt"));
            Files.writeString(launch, written);
            // the same size, other bytes: bin/lyger passes it, the JVM refuses it and starts without it
            data.toFile().setWritable(true);
            byte[] garbage = aot.clone();
            Arrays.fill(garbage, 0, Math.min(garbage.length, 4096), (byte) 0x5a);
            Files.write(data, garbage);
            String refused = serve("refused-aot");
            assertTrue(refused.contains("Training profile " + profile + " ignored: its "), refused);
            assertTrue(refused.contains("is missing or damaged; starting without its plan"), refused);
            data.toFile().setWritable(true);
            Files.write(data, Arrays.copyOf(aot, aot.length / 2));
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

    /** What the last {@link #serve} was, once ready: its process's arguments, and whether it ran with no child JVM. */
    record Serve(List<String> arguments, boolean oneJvm)
    {
    }

    static Serve lastServe;

    /** Serves the WAR until ready, checks it answers, stops it: @return its stdout */
    private static String serve(String name) throws Exception
    {
        return serve(name, CliProcessSupport.lyger("serve", war.toString(), "--host=127.0.0.1", "--port=0", "--warmup-budget=1"));
    }

    /**
     * @return the process's command line, from /proc (ProcessHandle.Info leaves the arguments out of a command line as
     * long as a JVM's with a class path of jars)
     */
    private static List<String> arguments(Process process) throws IOException
    {
        Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        if (!Files.isReadable(cmdline))
            return List.of(process.info().arguments().orElse(new String[0]));
        return List.of(new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).split("\0"));
    }

    private static String serve(String name, ProcessBuilder command) throws Exception
    {
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process serve = command.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try
        {
            int port = CliProcessSupport.readyPort(serve, out, err);
            lastServe = new Serve(arguments(serve),
                serve.info().command().orElse("").endsWith("/java") && serve.toHandle().children().findAny().isEmpty());
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
