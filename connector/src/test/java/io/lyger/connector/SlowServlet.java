package io.lyger.connector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /slow?ms=N}: sleeps N ms, then answers "slept N". Counts the requests it has started. */
public class SlowServlet extends HttpServlet
{
    private final AtomicInteger started = new AtomicInteger();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        started.incrementAndGet();
        long ms = Long.parseLong(request.getParameter("ms"));
        try
        {
            Thread.sleep(ms);
        }
        catch (InterruptedException x)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sleeping", x);
        }
        response.setContentType("text/plain;charset=utf-8");
        response.getOutputStream().write(("slept " + ms).getBytes(StandardCharsets.UTF_8));
    }

    /** @return how many requests have entered this servlet. */
    public int started()
    {
        return started.get();
    }
}
