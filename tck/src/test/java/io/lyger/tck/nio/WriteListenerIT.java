package io.lyger.tck.nio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.lyger.tck.support.Attempt;
import io.lyger.tck.support.EventLog;
import io.lyger.tck.support.Http;
import io.lyger.tck.support.RawHttp;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Non-blocking writes: ServletOutputStream.setWriteListener, isReady, onWritePossible, onError. */
@ExtendWith(ArquillianExtension.class)
class WriteListenerIT
{
    /** More than the socket buffers of both ends can hold while the client is not reading. */
    static final int LARGE = 16 * 1024 * 1024;
    /** How long the slow client waits before it reads: long enough that a loaded 2-core machine still writes into it. */
    static final long STALL_MS = 1500;

    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "nio-write.war").addClasses(Attempt.class, Attempt.Action.class, EventLog.class, EventLog.Events.class,
            Writes.class, Writer.class, Twice.class, NotAsync.class, Echo.class, EchoReader.class, EchoWriter.class);
    }

    @ArquillianResource
    URL base;

    /** Writes {@code size} bytes through a {@link Writer}; {@code length}: with a Content-Length. */
    @WebServlet(urlPatterns = "/write", asyncSupported = true)
    public static class Writes extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            int size = Integer.parseInt(request.getParameter("size"));
            if (request.getParameter("length") != null)
                response.setContentLengthLong(size);
            response.setContentType("application/octet-stream");
            AsyncContext async = request.startAsync();
            async.setTimeout(10_000);
            ServletOutputStream out = response.getOutputStream();
            out.setWriteListener(new Writer(async, out, size, request.getParameter("key")));
        }
    }

    /**
     * Writes 64 KB pieces while isReady, and completes after the last; logs under {@code key}
     * {@code done unready=N maxWriteMs=M} (how often isReady said no, the longest single write), or {@code onError}.
     */
    public static class Writer implements WriteListener
    {
        private final AsyncContext async;
        private final ServletOutputStream out;
        private final int size;
        private final String key;
        private final byte[] piece = new byte[65536];
        private int written;
        private int unready;
        private long maxWriteNanos;
        private int calls;

        /** The byte at {@code index} of every body this test writes. */
        static byte at(long index)
        {
            return (byte) ('a' + (index + index / 65536) % 26);
        }

        Writer(AsyncContext async, ServletOutputStream out, int size, String key)
        {
            this.async = async;
            this.out = out;
            this.size = size;
            this.key = key;
        }

        @Override
        public void onWritePossible() throws IOException
        {
            calls++;
            while (out.isReady())
            {
                if (written >= size)
                {
                    log("done unready=" + unready + " maxWriteMs=" + maxWriteNanos / 1_000_000 + " calls=" + calls);
                    async.complete();
                    return;
                }
                int length = Math.min(piece.length, size - written);
                for (int i = 0; i < length; i++)
                    piece[i] = at(written + (long) i);
                long start = System.nanoTime();
                out.write(piece, 0, length);
                maxWriteNanos = Math.max(maxWriteNanos, System.nanoTime() - start);
                written += length;
            }
            unready++;
        }

        @Override
        public void onError(Throwable failure)
        {
            log("onError:" + failure.getClass().getSimpleName() + " after " + written);
            async.complete();
        }

        private void log(String event)
        {
            if (key != null)
                EventLog.add(key, event);
        }
    }

    @WebServlet(urlPatterns = "/twice", asyncSupported = true)
    public static class Twice extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            AsyncContext async = request.startAsync();
            ServletOutputStream out = response.getOutputStream();
            Writer writer = new Writer(async, out, 5, null);
            out.setWriteListener(writer);
            response.setHeader("X-Second-Listener", Attempt.of(() -> out.setWriteListener(writer)));
        }
    }

    @WebServlet("/not-async")
    public static class NotAsync extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            ServletOutputStream out = response.getOutputStream();
            out.print(Attempt.of(() -> out.setWriteListener(new Writer(null, out, 0, null))) + ", then written blocking");
        }
    }

    /** Reads the body through a ReadListener, then writes it back through a WriteListener. */
    @WebServlet(urlPatterns = "/echo", asyncSupported = true)
    public static class Echo extends HttpServlet
    {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            AsyncContext async = request.startAsync();
            ServletInputStream in = request.getInputStream();
            in.setReadListener(new EchoReader(async, in));
        }
    }

    public static class EchoReader implements ReadListener
    {
        private final AsyncContext async;
        private final ServletInputStream in;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        EchoReader(AsyncContext async, ServletInputStream in)
        {
            this.async = async;
            this.in = in;
        }

        @Override
        public void onDataAvailable() throws IOException
        {
            byte[] buffer = new byte[8192];
            while (in.isReady() && !in.isFinished())
            {
                int read = in.read(buffer);
                if (read > 0)
                    body.write(buffer, 0, read);
            }
        }

        @Override
        public void onAllDataRead() throws IOException
        {
            ServletOutputStream out = async.getResponse().getOutputStream();
            out.setWriteListener(new EchoWriter(async, out, body.toByteArray()));
        }

        @Override
        public void onError(Throwable failure)
        {
            async.complete();
        }
    }

    /** Writes {@code bytes} in one write once ready, completes once that is written. */
    public static class EchoWriter implements WriteListener
    {
        private final AsyncContext async;
        private final ServletOutputStream out;
        private final byte[] bytes;
        private boolean written;

        EchoWriter(AsyncContext async, ServletOutputStream out, byte[] bytes)
        {
            this.async = async;
            this.out = out;
            this.bytes = bytes;
        }

        @Override
        public void onWritePossible() throws IOException
        {
            if (!written && out.isReady())
            {
                written = true;
                out.write(bytes);
            }
            if (written && out.isReady())
                async.complete();
        }

        @Override
        public void onError(Throwable failure)
        {
            async.complete();
        }
    }

    /** Sends a request for {@code size} bytes, waits {@code stallMs} before reading, checks every byte. */
    private RawHttp.Response slowRead(String query, long stallMs)
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            connection.send(RawHttp.get(base, "write?" + query));
            Client.pause(stallMs);
            RawHttp.Response response = connection.read();
            byte[] body = response.body();
            for (int i = 0; i < body.length; i++)
            {
                if (body[i] != Writer.at(i))
                    throw new AssertionError("byte " + i + " of " + body.length + " is " + body[i] + ", not " + Writer.at(i));
            }
            return response;
        }
    }

    @Test
    void largeBodyToASlowReaderArrivesWhole()
    {
        RawHttp.Response response = slowRead("size=" + LARGE + "&key=large", STALL_MS);
        assertEquals(200, response.status());
        assertEquals("chunked", response.header("Transfer-Encoding"));
        assertEquals(LARGE, response.body().length);
        assertTrue(EventLog.await(base, "large", "done").startsWith("done "));
    }

    @Test
    void largeBodyWithAContentLength()
    {
        RawHttp.Response response = slowRead("size=" + LARGE + "&length=1&key=length", 100);
        assertEquals(200, response.status());
        assertEquals(String.valueOf(LARGE), response.header("Content-Length"));
        assertNull(response.header("Transfer-Encoding"));
        assertEquals(LARGE, response.body().length);
    }

    /** While the client does not read, the socket fills: isReady must say so (and onWritePossible come back later). */
    @Test
    void isReadyTurnsFalseWhileTheClientDoesNotRead()
    {
        slowRead("size=" + LARGE + "&key=unready", STALL_MS);
        String events = EventLog.await(base, "unready", "done");
        int unready = Integer.parseInt(events.replaceFirst(".*done unready=(\\d+) .*", "$1"));
        int calls = Integer.parseInt(events.replaceFirst(".* calls=(\\d+).*", "$1"));
        assertTrue(unready > 0, events);
        assertEquals(unready + 1, calls, "onWritePossible comes back once for each time isReady said no: " + events);
    }

    /** A write after isReady said true must not wait for the client: non-blocking I/O. */
    @Test
    void writesDoNotBlockWhileTheClientDoesNotRead()
    {
        slowRead("size=" + LARGE, 0); // warm: a cold server filling the socket slowly would shorten the wait measured
        slowRead("size=" + LARGE + "&key=blocking", STALL_MS);
        String events = EventLog.await(base, "blocking", "done");
        long maxWriteMs = Long.parseLong(events.replaceFirst(".* maxWriteMs=(\\d+) .*", "$1"));
        assertTrue(maxWriteMs < STALL_MS / 2, "a single write took " + maxWriteMs + " ms while the client was not reading: " + events);
    }

    @Test
    void smallBodyCompletesInTheFirstOnWritePossible()
    {
        HttpResponse<String> response = Http.get(base, "write?size=10&key=small");
        assertEquals(200, response.statusCode());
        assertEquals("abcdefghij", response.body());
        assertEquals("done unready=0 maxWriteMs=0 calls=1", EventLog.await(base, "small", "done").replaceFirst("maxWriteMs=\\d+", "maxWriteMs=0"));
    }

    /** The client reads the head and goes away: the next writes fail, and the listener hears onError. */
    @Test
    void clientGoingAwayIsOnError()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            connection.send(RawHttp.get(base, "write?size=" + (4 * LARGE) + "&key=gone"));
            assertFalse(connection.closedByServer(Duration.ofMillis(100)), "the server is writing");
        }
        String events = EventLog.await(base, "gone", "onError");
        assertTrue(events.startsWith("onError:"), events);
    }

    @Test
    void secondWriteListenerIsIllegalState()
    {
        HttpResponse<String> response = Http.get(base, "twice");
        assertEquals(200, response.statusCode());
        assertEquals("IllegalStateException", response.headers().firstValue("X-Second-Listener").orElse(null));
        assertEquals("abcde", response.body());
    }

    @Test
    void writeListenerOutsideAsyncIsIllegalState()
    {
        HttpResponse<String> response = Http.get(base, "not-async");
        assertEquals(200, response.statusCode());
        assertEquals("IllegalStateException, then written blocking", response.body());
    }

    @Test
    void echoThroughAReadListenerThenAWriteListener()
    {
        String body = "echo ".repeat(50_000);
        HttpResponse<String> response = Http.post(base, "echo", "text/plain", body);
        assertEquals(200, response.statusCode());
        assertEquals(body, response.body());
    }
}
