package io.lyger.sample;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /slow?ms=N}: sleeps N ms (at most 5 minutes), then answers {@code "slept N ms"}; for graceful-stop tests. */
public class SlowServlet extends SampleServlet
{
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        long ms = Params.longParam(request, "ms", 1000, 0, 300_000);
        try
        {
            Thread.sleep(ms);
        }
        catch (InterruptedException x)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sleeping", x);
        }
        text(response, "slept " + ms + " ms\n");
    }
}
