package io.lyger.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * examples/cluster as a user runs it (its start, rolling-restart and stop scripts): PostgreSQL, three instances of
 * the sample WAR (native, Jetty's and native connectors) sharing their sessions through it, HAProxy in front, all on
 * loopback ports of their own. The scripts install PostgreSQL, HAProxy and socat from Debian when missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT
{
    private static final Path CLUSTER = CliProcessSupport.LYGER_HOME.resolve("examples/cluster");
    private static final int USERS = 12;
    /** Each user's pace: USERS / PERIOD = 300 requests a second asked for. */
    private static final long PERIOD_MILLIS = 40;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, String> env = new HashMap<>();
    private Path dir;
    private int front;
    private int firstInstance;
    private int pgPort;

    @BeforeAll
    void startCluster() throws Exception
    {
        dir = CliProcessSupport.LYGER_HOME.resolve("launcher/target/cluster-it");
        int[] ports = freePorts(2);
        front = ports[0];
        pgPort = ports[1];
        firstInstance = consecutiveFreePorts(3); // instance ports follow each other
        env.put("CLUSTER_DIR", dir.toString());
        env.put("CLUSTER_PORT", Integer.toString(front));
        env.put("CLUSTER_PG_PORT", Integer.toString(pgPort));
        env.put("CLUSTER_INSTANCE_PORT", Integer.toString(firstInstance));
        env.put("CLUSTER_CONNECTOR", "native,jetty,native");
        env.put("CLUSTER_WAR", TestSupport.sampleWar().toString());
        env.put("JAVA_HOME", System.getProperty("lyger.java.home", System.getProperty("java.home")));
        script("stop", 120);
        deleteTree(dir);
        script("start", 600);
    }

    @AfterAll
    void stopCluster() throws Exception
    {
        script("stop", 180);
    }

    @Test
    @Order(1)
    void aSessionMovesBetweenInstances() throws Exception
    {
        URI a = URI.create("http://127.0.0.1:" + firstInstance + "/session");
        URI b = URI.create("http://127.0.0.1:" + (firstInstance + 1) + "/session");
        HttpResponse<String> created = send(a, "POST", null);
        assertEquals(200, created.statusCode(), created.body());
        String cookie = created.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
        String id = created.body().split(" ")[0];
        assertEquals(id + " count=1\n", created.body());

        HttpResponse<String> read = send(b, "GET", cookie);
        assertEquals(200, read.statusCode(), read.body());
        assertEquals(id + " count=1\n", read.body(), "instance B reads the session instance A created");
        assertEquals(id + " count=2\n", send(b, "POST", cookie).body(), "and changes it");
        assertEquals(id + " count=2\n", send(a, "GET", cookie).body(), "A sees B's change at once");

        HttpResponse<String> invalidated = send(a, "DELETE", cookie);
        assertEquals(200, invalidated.statusCode(), invalidated.body());
        HttpResponse<String> gone = send(b, "GET", cookie);
        assertEquals(404, gone.statusCode(), "the session A invalidated is gone on B: " + gone.body());
    }

    @Test
    @Order(2)
    void aRollingRestartUnderLoadLosesNothing() throws Exception
    {
        List<String> outOfPoolViolations = new ArrayList<>();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> sampleUpMeansReady(sampling, outOfPoolViolations), "pool-sampler");
        long start = System.nanoTime();
        SessionLoad load = new SessionLoad(URI.create("http://127.0.0.1:" + front + "/session"), USERS, PERIOD_MILLIS);
        List<String> problems;
        try
        {
            sampler.start();
            Thread.sleep(2_000);
            script("rolling-restart", 900);
            Thread.sleep(2_000);
        }
        finally
        {
            load.close();
            sampling.set(false);
            sampler.join(10_000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        problems = load.checkSessions();
        System.out.printf("ClusterIT rolling restart of 3 instances under load: %d requests sent in %.1f s (%.0f/s), %d failed, %d sessions checked, %d lost or wrong%n",
            load.sent(), seconds, load.sent() / seconds, load.failed(), load.users().size(), problems.size());
        assertEquals(List.of(), load.failures(), "no request fails during a rolling restart");
        assertEquals(List.of(), problems, "no session is lost or wrong");
        assertEquals(List.of(), outOfPoolViolations, "an instance is in HAProxy's pool only when its readiness probe answers 200");
        assertTrue(load.sent() > 1000, "the load ran: " + load.sent());
    }

    @Test
    @Order(3)
    void aKilledInstanceFailsOnlyItsRequestsInFlight() throws Exception
    {
        Path pidFile = dir.resolve("lyger-2.pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        SessionLoad load = new SessionLoad(URI.create("http://127.0.0.1:" + front + "/session"), USERS, PERIOD_MILLIS);
        long killedAt;
        try
        {
            Thread.sleep(3_000);
            killedAt = System.currentTimeMillis();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!"DOWN".equals(haproxyStatus().get("s2")) && System.nanoTime() < deadline)
                Thread.sleep(100);
            Thread.sleep(3_000);
        }
        finally
        {
            load.close();
        }
        List<String> problems = load.checkSessions();
        System.out.printf("ClusterIT kill -9 of one of 3 instances under load: %d requests sent, %d failed, %d sessions checked, %d lost or wrong%n",
            load.sent(), load.failed(), load.users().size(), problems.size());
        assertTrue(load.failed() <= USERS, "at most the killed instance's requests in flight fail (one per user): " + load.failures());
        for (String failure : load.failures())
        {
            long at = Long.parseLong(failure.split(" ", 2)[0]);
            assertTrue(at >= killedAt, "a request failed before the kill: " + failure);
        }
        assertEquals(List.of(), problems, "the killed instance's sessions continue on the others");
        Files.deleteIfExists(pidFile);
        script("start", 600); // instance 2 again, for the tests after
    }

    @Test
    @Order(4)
    void aStoreThatFailsAnswers503ForSessionsAndRecovers() throws Exception
    {
        URI instance = URI.create("http://127.0.0.1:" + firstInstance + "/session");
        HttpResponse<String> created = send(instance, "POST", null);
        assertEquals(200, created.statusCode(), created.body());
        String cookie = created.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
        script("postgres stop", 120);
        try
        {
            HttpResponse<String> existing = send(instance, "POST", cookie);
            assertEquals(503, existing.statusCode(), "a request with a session while the store is down: " + existing.body());
            assertEquals("1", existing.headers().firstValue("retry-after").orElse(""));
            assertEquals(503, send(instance, "POST", null).statusCode(), "a request creating a session while the store is down");
            HttpResponse<String> plaintext = send(URI.create("http://127.0.0.1:" + firstInstance + "/plaintext"), "GET", null);
            assertEquals(200, plaintext.statusCode(), "a request without a session is served");
        }
        finally
        {
            script("postgres start", 120);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        HttpResponse<String> back;
        do
        {
            Thread.sleep(200);
            back = send(instance, "POST", cookie);
        }
        while (back.statusCode() == 503 && System.nanoTime() < deadline);
        assertEquals(200, back.statusCode(), back.body());
        assertTrue(back.body().endsWith(" count=2\n"), "the session survived the outage: " + back.body());
    }

    private HttpResponse<String> send(URI uri, String method, String cookie) throws IOException, InterruptedException
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
        if (cookie != null)
            request.header("Cookie", cookie);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Samples HAProxy's view: every server it has UP must answer its readiness probe with 200. */
    private void sampleUpMeansReady(AtomicBoolean sampling, List<String> violations)
    {
        while (sampling.get())
        {
            try
            {
                for (Map.Entry<String, String> server : haproxyStatus().entrySet())
                {
                    if (!server.getValue().equals("UP"))
                        continue;
                    int port = firstInstance + Integer.parseInt(server.getKey().substring(1)) - 1;
                    int status;
                    try
                    {
                        status = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_lyger/health/ready"))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    }
                    catch (IOException x)
                    {
                        status = -1;
                    }
                    // the probe may go 503 between HAProxy's answer and ours only if the instance began to stop,
                    // which rolling-restart does after taking it out of the pool: look again before calling it wrong
                    if (status != 200 && "UP".equals(haproxyStatus().get(server.getKey())))
                        violations.add(server.getKey() + " UP in HAProxy, readiness " + status);
                }
                Thread.sleep(100);
            }
            catch (Exception x)
            {
                if (sampling.get())
                    violations.add("sampling failed: " + x);
                return;
            }
        }
    }

    /** @return server name (s1...) to HAProxy's status for it (UP, DOWN, MAINT...), through its runtime API */
    private Map<String, String> haproxyStatus() throws IOException
    {
        String csv;
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve("haproxy.sock"))))
        {
            channel.write(ByteBuffer.wrap("show stat\n".getBytes(StandardCharsets.US_ASCII)));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(16384);
            while (channel.read(buffer) >= 0)
            {
                out.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            csv = out.toString(StandardCharsets.US_ASCII);
        }
        Map<String, String> status = new HashMap<>();
        for (String line : csv.split("\n"))
        {
            String[] fields = line.split(",", -1);
            if (fields.length > 17 && fields[0].equals("lyger") && fields[1].startsWith("s"))
                status.put(fields[1], fields[17].split(" ")[0]);
        }
        return status;
    }

    private void script(String command, long timeoutSeconds) throws Exception
    {
        String[] words = command.split(" ");
        List<String> line = new ArrayList<>();
        line.add(CLUSTER.resolve(words[0]).toString());
        line.addAll(List.of(words).subList(1, words.length));
        Path log = Files.createTempFile("cluster-it-", ".log");
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS))
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within " + timeoutSeconds + " s: " + Files.readString(log));
        }
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        assertEquals(0, process.exitValue(), "examples/cluster/" + command + ":\n" + output);
    }

    private static int[] freePorts(int count) throws IOException
    {
        List<ServerSocket> sockets = new ArrayList<>();
        try
        {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++)
            {
                ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        }
        finally
        {
            for (ServerSocket socket : sockets)
                socket.close();
        }
    }

    private static int consecutiveFreePorts(int count)
    {
        for (int first = 20000 + (int)(ProcessHandle.current().pid() % 20000); first < 60000; first += count)
        {
            boolean free = true;
            for (int port = first; port < first + count && free; port++)
            {
                try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress()))
                {
                    socket.setReuseAddress(true);
                }
                catch (IOException x)
                {
                    free = false;
                }
            }
            if (free)
                return first;
        }
        throw new IllegalStateException("no " + count + " free ports in a row");
    }

    private static void deleteTree(Path root) throws IOException
    {
        if (!Files.exists(root))
            return;
        try (Stream<Path> paths = Files.walk(root))
        {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList())
                Files.deleteIfExists(path);
        }
    }

}
