package io.lyger.warm.testapp;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Test web application: counts the requests it serves per path ({@code /logout}, {@code /declared}...), and at
 * {@code /count} lists the counts ({@code path=n} a line, {@link CountingFilter}'s too) without counting itself.
 */
public class CountingServlet extends HttpServlet
{
    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    static void count(String what)
    {
        CALLS.computeIfAbsent(what, key -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        response.setContentType("text/plain");
        if (request.getServletPath().equals("/count"))
        {
            StringBuilder text = new StringBuilder();
            new TreeMap<>(CALLS).forEach((path, calls) -> text.append(path).append('=').append(calls.get()).append('\n'));
            response.getWriter().print(text);
            return;
        }
        count(request.getServletPath());
        response.getWriter().print("ok");
    }
}
