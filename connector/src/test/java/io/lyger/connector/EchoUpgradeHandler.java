package io.lyger.connector;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;

/**
 * The upgrade handler of {@link UpgradeServlet}: an echo protocol on a thread of its own with the WebConnection's
 * blocking streams. It writes a greeting first if asked, echoes every byte, and at the client's end (EOF) closes the
 * WebConnection. What happens to it is recorded under its key ({@link #events(String)}).
 */
public class EchoUpgradeHandler implements HttpUpgradeHandler
{
    private static final Map<String, List<String>> EVENTS = new ConcurrentHashMap<>();

    volatile String key;
    volatile String greeting;

    /** @return the events of the handler with this key so far: init, eof after N, failed: ..., destroy */
    public static List<String> events(String key)
    {
        return EVENTS.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
    }

    /** Waits up to timeoutMs until the handler with this key recorded {@code event}; @return its events then. */
    public static String await(String key, String event, long timeoutMs) throws InterruptedException
    {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!events(key).contains(event) && System.nanoTime() < deadline)
            Thread.sleep(10);
        return String.join(",", events(key));
    }

    /** Waits up to timeoutMs until the handler with this key recorded {@code count} events; @return its events then. */
    public static String awaitCount(String key, int count, long timeoutMs) throws InterruptedException
    {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (events(key).size() < count && System.nanoTime() < deadline)
            Thread.sleep(10);
        return String.join(",", events(key));
    }

    @Override
    public void init(WebConnection connection)
    {
        log("init");
        Thread thread = new Thread(() -> run(connection), "upgrade-echo");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(WebConnection connection)
    {
        try
        {
            ServletInputStream in = connection.getInputStream();
            ServletOutputStream out = connection.getOutputStream();
            if (greeting != null)
            {
                out.write((greeting + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer))
            {
                out.write(buffer, 0, read);
                out.flush();
                total += read;
            }
            log("eof after " + total);
            connection.close();
        }
        catch (Exception x)
        {
            log("failed: " + x);
        }
    }

    @Override
    public void destroy()
    {
        log("destroy");
    }

    private void log(String event)
    {
        if (key != null)
            events(key).add(event);
    }
}
