package io.lyger.connector;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST /disconnect}: reads the whole body and reports, through {@link #outcome()}, either the IOException the
 * read failed with or, if the body was read to its end, the number of bytes read (a Long).
 */
public class DisconnectServlet extends HttpServlet
{
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<Object> outcome = new CompletableFuture<>();

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        started.complete(null);
        long count = 0;
        byte[] buffer = new byte[8 * 1024];
        try
        {
            InputStream in = request.getInputStream();
            int n;
            while ((n = in.read(buffer)) >= 0)
                count += n;
        }
        catch (IOException x)
        {
            outcome.complete(x);
            throw x;
        }
        outcome.complete(count);
        response.getOutputStream().write(("read " + count).getBytes());
    }

    /** @return completes when a request entered the servlet. */
    public CompletableFuture<Void> started()
    {
        return started;
    }

    /** @return completes with the IOException the body read failed with, or with the Long count read. */
    public CompletableFuture<Object> outcome()
    {
        return outcome;
    }
}
