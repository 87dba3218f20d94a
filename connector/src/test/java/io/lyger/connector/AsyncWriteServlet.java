package io.lyger.connector;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /async-write?size=N&piece=P}: writes N bytes of {@link #at(long)} in P-byte writes (64 KiB by default)
 * through a {@link WriteListener}, as long as {@code isReady()} says so, and reports each request's {@link Outcome}.
 * Large pieces reach the connector as heap buffers, small ones through Jetty's direct aggregation buffer.
 */
public class AsyncWriteServlet extends HttpServlet
{
    /** How one response went: bytes written, times isReady said no, onWritePossible calls, the longest write, onError's failure. */
    public record Outcome(long written, int unready, int calls, long maxWriteMs, Throwable failure)
    {
    }

    private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    private volatile CompletableFuture<Void> unready = new CompletableFuture<>();

    /** The body byte at {@code index}: differs between 64 KiB pieces, so a lost or repeated piece shows. */
    public static byte at(long index)
    {
        return (byte)(index * 31 + 7 + (index >>> 16));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        long size = Long.parseLong(request.getParameter("size"));
        String piece = request.getParameter("piece");
        response.setContentType("application/octet-stream");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        ServletOutputStream out = response.getOutputStream();
        out.setWriteListener(new Writer(async, out, size, piece == null ? 64 * 1024 : Integer.parseInt(piece)));
    }

    /** @return the outcomes of the responses, in completion order. */
    public BlockingQueue<Outcome> outcomes()
    {
        return outcomes;
    }

    /** @return completes the first time isReady() says false after this call. */
    public CompletableFuture<Void> nextUnready()
    {
        CompletableFuture<Void> next = new CompletableFuture<>();
        unready = next;
        return next;
    }

    private final class Writer implements WriteListener
    {
        private final AsyncContext async;
        private final ServletOutputStream out;
        private final long size;
        private final byte[] piece;
        private long written;
        private int unreadyCount;
        private int calls;
        private long maxWriteNanos;

        private Writer(AsyncContext async, ServletOutputStream out, long size, int pieceSize)
        {
            this.async = async;
            this.out = out;
            this.size = size;
            this.piece = new byte[pieceSize];
        }

        @Override
        public void onWritePossible() throws IOException
        {
            calls++;
            while (out.isReady())
            {
                if (written >= size)
                {
                    outcomes.add(new Outcome(written, unreadyCount, calls, maxWriteNanos / 1_000_000, null));
                    async.complete();
                    return;
                }
                int length = (int)Math.min(piece.length, size - written);
                for (int i = 0; i < length; i++)
                    piece[i] = at(written + i);
                long start = System.nanoTime();
                out.write(piece, 0, length);
                maxWriteNanos = Math.max(maxWriteNanos, System.nanoTime() - start);
                written += length;
            }
            unreadyCount++;
            unready.complete(null);
        }

        @Override
        public void onError(Throwable failure)
        {
            outcomes.add(new Outcome(written, unreadyCount, calls, maxWriteNanos / 1_000_000, failure));
            async.complete();
        }
    }
}
