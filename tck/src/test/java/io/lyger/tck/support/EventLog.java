package io.lyger.tck.support;

import java.io.IOException;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What a deployment's callbacks did after the response was sent (an {@code AsyncListener.onComplete}, a
 * {@code ReadListener.onError}, an {@code HttpUpgradeHandler.destroy}), for the test to see over HTTP. Server side,
 * {@code EventLog.add(key, "onComplete")}; deploy {@code EventLog.class, EventLog.Events.class}; test side,
 * {@code EventLog.await(base, key, "onComplete")} returns the events of {@code key}, comma separated, once one of
 * them contains the awaited text (or after {@link #WAIT_MS}).
 */
public final class EventLog
{
    /** How long {@code /events} waits for an awaited event. */
    public static final long WAIT_MS = 2000;

    private static final Map<String, List<String>> EVENTS = new ConcurrentHashMap<>();

    private EventLog()
    {
    }

    /** Records {@code event} under {@code key} (server side). */
    public static void add(String key, String event)
    {
        List<String> events = EVENTS.computeIfAbsent(key, k -> new ArrayList<>());
        synchronized (EVENTS)
        {
            events.add(event);
            EVENTS.notifyAll();
        }
    }

    /** @return the events of {@code key} so far, comma separated (server side). */
    public static String get(String key)
    {
        synchronized (EVENTS)
        {
            return String.join(",", EVENTS.getOrDefault(key, List.of()));
        }
    }

    /** Test side: the events of {@code key} once one contains {@code until} (or after {@link #WAIT_MS} without it). */
    public static String await(URL base, String key, String until)
    {
        return events(base, "events?key=" + encode(key) + "&until=" + encode(until));
    }

    /** Test side: the events of {@code key} after {@code millis}, to show something did <em>not</em> happen. */
    public static String after(URL base, String key, long millis)
    {
        return events(base, "events?key=" + encode(key) + "&wait=" + millis);
    }

    private static String events(URL base, String path)
    {
        HttpResponse<String> response = Http.get(base, path);
        if (response.statusCode() != 200)
            throw new IllegalStateException("events: " + response.statusCode() + " " + response.body());
        return response.body();
    }

    private static String encode(String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /**
     * {@code GET /events?key=k&until=text}: the events of {@code k}, waiting up to {@link #WAIT_MS} for one containing
     * {@code text}; {@code &wait=ms} instead: after that long.
     */
    @WebServlet("/events")
    public static class Events extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            String key = request.getParameter("key");
            String until = request.getParameter("until");
            String wait = request.getParameter("wait");
            long deadline = System.currentTimeMillis() + (wait != null ? Long.parseLong(wait) : WAIT_MS);
            String events = get(key);
            synchronized (EVENTS)
            {
                while (!found(events, until) && System.currentTimeMillis() < deadline)
                {
                    try
                    {
                        EVENTS.wait(Math.max(1, deadline - System.currentTimeMillis()));
                    }
                    catch (InterruptedException x)
                    {
                        Thread.currentThread().interrupt();
                        break;
                    }
                    events = get(key);
                }
            }
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().print(events);
        }

        private static boolean found(String events, String until)
        {
            return until != null && events.contains(until);
        }
    }

}
