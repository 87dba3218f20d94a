package io.lyger.connector;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A well-behaved client running beside a misbehaving one: a loop of HttpClient GETs on {@code /hello?id=N}, each
 * checked (200 and the right body). {@link #close()} asserts it was served all along, with nothing else.
 */
public final class BackgroundTraffic implements AutoCloseable
{
    private final TestServer server;
    private final HttpClient client = HttpClients.http11();
    private final AtomicInteger ok = new AtomicInteger();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public BackgroundTraffic(TestServer server)
    {
        this.server = server;
        thread = new Thread(this::loop, "background-traffic");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop()
    {
        for (int i = 0; running; i++)
        {
            try
            {
                HttpRequest request = HttpRequest.newBuilder(server.uri("/hello?id=bg" + i)).timeout(Duration.ofSeconds(10)).build();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().equals("Hello bg" + i))
                    ok.incrementAndGet();
                else
                    problems.add("request " + i + ": " + response.statusCode() + " " + response.body());
            }
            catch (Exception x)
            {
                problems.add("request " + i + ": " + x);
            }
        }
    }

    /** Waits until at least n more responses than now were served (or 10 s passed). */
    public void awaitMore(int n) throws InterruptedException
    {
        int target = ok.get() + n;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ok.get() < target && problems.isEmpty() && System.nanoTime() < deadline)
            Thread.sleep(5);
    }

    /** Stops the loop and asserts every request got a correct 200, and that some did. */
    @Override
    public void close() throws InterruptedException
    {
        running = false;
        thread.join(15_000);
        assertEquals(List.of(), problems, "well-behaved client was not served correctly beside the malformed input");
        assertTrue(ok.get() > 0, "well-behaved client got no response at all");
    }
}
