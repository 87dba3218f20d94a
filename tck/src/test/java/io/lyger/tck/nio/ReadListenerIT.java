package io.lyger.tck.nio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import io.lyger.tck.support.Attempt;
import io.lyger.tck.support.EventLog;
import io.lyger.tck.support.Http;
import io.lyger.tck.support.RawHttp;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Non-blocking reads: ServletInputStream.setReadListener, isReady/isFinished, onDataAvailable, onAllDataRead, onError. */
@ExtendWith(ArquillianExtension.class)
class ReadListenerIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "nio-read.war").addClasses(Attempt.class, Attempt.Action.class, EventLog.class, EventLog.Events.class,
            Bodies.class, Reader.class, Twice.class, NotAsync.class, NullListener.class);
    }

    @ArquillianResource
    URL base;

    /** Reads the body with a {@link Reader}; {@code key}: its callbacks are logged under it too. */
    @WebServlet(urlPatterns = "/read", asyncSupported = true)
    public static class Bodies extends HttpServlet
    {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            AsyncContext async = request.startAsync();
            async.setTimeout(5000);
            ServletInputStream in = request.getInputStream();
            in.setReadListener(new Reader(async, in, request.getParameter("key")));
        }
    }

    /**
     * Reads while isReady, counts onDataAvailable calls; on onAllDataRead answers
     * {@code bytes=N crc=X calls=C finished=true eof=-1 unreadyRead=...} and completes. The first time isReady is
     * false, it tries a read anyway, which must be an IllegalStateException.
     */
    public static class Reader implements ReadListener
    {
        private final AsyncContext async;
        private final ServletInputStream in;
        private final String key;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[4096];
        private int calls;
        private String unreadyRead = "not tried";

        Reader(AsyncContext async, ServletInputStream in, String key)
        {
            this.async = async;
            this.in = in;
            this.key = key;
        }

        @Override
        public void onDataAvailable() throws IOException
        {
            calls++;
            log("onDataAvailable");
            while (in.isReady() && !in.isFinished())
            {
                int read = in.read(buffer);
                if (read > 0)
                    body.write(buffer, 0, read);
            }
            if (!in.isReady() && unreadyRead.equals("not tried"))
            {
                try
                {
                    in.read();
                    unreadyRead = "accepted";
                }
                catch (IllegalStateException x)
                {
                    unreadyRead = "IllegalStateException";
                }
            }
        }

        @Override
        public void onAllDataRead() throws IOException
        {
            log("onAllDataRead");
            CRC32 crc = new CRC32();
            crc.update(body.toByteArray());
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            response.setContentType("text/plain;charset=UTF-8");
            String head = body.size() <= 64 ? " text=" + body.toString(StandardCharsets.UTF_8) : "";
            response.getWriter().print("bytes=" + body.size() + " crc=" + Long.toHexString(crc.getValue()) + " calls=" + calls
                + " finished=" + in.isFinished() + " eof=" + in.read() + " unreadyRead=" + unreadyRead + head);
            async.complete();
        }

        @Override
        public void onError(Throwable failure)
        {
            log("onError:" + failure.getClass().getSimpleName());
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
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            AsyncContext async = request.startAsync();
            ServletInputStream in = request.getInputStream();
            Reader reader = new Reader(async, in, null);
            in.setReadListener(reader);
            response.setHeader("X-Second-Listener", Attempt.of(() -> in.setReadListener(reader)));
        }
    }

    /** Not async: setReadListener is an IllegalStateException, and the body can still be read the blocking way. */
    @WebServlet("/not-async")
    public static class NotAsync extends HttpServlet
    {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            ServletInputStream in = request.getInputStream();
            String outcome = Attempt.of(() -> in.setReadListener(new Reader(null, in, null)));
            response.getWriter().print(outcome + " then read " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @WebServlet(urlPatterns = "/null", asyncSupported = true)
    public static class NullListener extends HttpServlet
    {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            AsyncContext async = request.startAsync();
            response.getWriter().print(Attempt.of(() -> request.getInputStream().setReadListener(null)));
            async.complete();
        }
    }

    /** A body of {@code size} bytes that is not one byte repeated. */
    static byte[] pattern(int size)
    {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++)
            bytes[i] = (byte) ('0' + (i * 7 + i / 1000) % 75);
        return bytes;
    }

    static String chunk(String data)
    {
        return Integer.toHexString(data.getBytes(StandardCharsets.ISO_8859_1).length) + "\r\n" + data + "\r\n";
    }

    @Test
    void smallBodyIsReadThroughTheListener()
    {
        HttpResponse<String> response = Http.post(base, "read", "text/plain", "hello listener");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("bytes=14 crc=" + Client.crc("hello listener".getBytes()) + " calls="), response.body());
        assertTrue(response.body().contains(" finished=true eof=-1 "), response.body());
        assertTrue(response.body().endsWith(" text=hello listener"), response.body());
    }

    @Test
    void largeBodyArrivesWholeThroughTheListener()
    {
        byte[] body = pattern(4 * 1024 * 1024);
        HttpResponse<String> response = Http.send(Http.request(base, "read").header("Content-Type", "application/octet-stream")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("bytes=" + body.length + " crc=" + Client.crc(body) + " "), response.body());
        assertTrue(response.body().contains(" finished=true eof=-1 "), response.body());
    }

    @Test
    void emptyBodyGoesStraightToOnAllDataRead()
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.request("POST", base, "read?key=empty", "Content-Length: 0", "Connection: close"));
        assertEquals(200, response.status());
        assertTrue(response.text().startsWith("bytes=0 crc=0 "), response.text());
        assertTrue(response.text().contains(" eof=-1 "), response.text());
        assertTrue(EventLog.await(base, "empty", "onAllDataRead").endsWith("onAllDataRead"));
    }

    /** Each pause leaves the listener unready; the next chunk calls onDataAvailable again. */
    @Test
    void chunkedUploadWithPausesCallsOnDataAvailableAgain()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            connection.send("POST " + RawHttp.path(base, "read?key=chunked") + " HTTP/1.1\r\nHost: " + RawHttp.host(base)
                + "\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n" + chunk("first,"));
            Client.pause(150);
            connection.send(chunk("second,"));
            Client.pause(150);
            connection.send(chunk("third") + "0\r\n\r\n");
            RawHttp.Response response = connection.read();
            assertEquals(200, response.status());
            String text = response.text();
            assertTrue(text.startsWith("bytes=18 crc=" + Client.crc("first,second,third".getBytes()) + " calls="), text);
            assertTrue(text.endsWith(" finished=true eof=-1 unreadyRead=IllegalStateException text=first,second,third"), text);
            int calls = Integer.parseInt(text.replaceFirst(".* calls=(\\d+) .*", "$1"));
            assertTrue(calls >= 2, "onDataAvailable called " + calls + " times over three chunks sent 150 ms apart");
        }
    }

    @Test
    void contentLengthUploadWithPauses()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            connection.send("POST " + RawHttp.path(base, "read") + " HTTP/1.1\r\nHost: " + RawHttp.host(base)
                + "\r\nContent-Length: 12\r\nContent-Type: text/plain\r\n\r\nabcd");
            Client.pause(150);
            connection.send("efgh");
            Client.pause(150);
            connection.send("ijkl");
            RawHttp.Response response = connection.read();
            assertEquals(200, response.status());
            assertTrue(response.text().startsWith("bytes=12 "), response.text());
            assertTrue(response.text().endsWith(" unreadyRead=IllegalStateException text=abcdefghijkl"), response.text());
            assertEquals(200, connection.send(RawHttp.request("POST", base, "read", "Content-Length: 2") + "ok").read().status(),
                "the connection is reused after a body read through a listener");
        }
    }

    /** The client sends part of a declared body and goes away: the listener hears onError, not onAllDataRead. */
    @Test
    void clientAbortInTheMiddleOfTheBodyIsOnError()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            connection.send("POST " + RawHttp.path(base, "read?key=abort") + " HTTP/1.1\r\nHost: " + RawHttp.host(base)
                + "\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(100));
            assertTrue(EventLog.await(base, "abort", "onDataAvailable").contains("onDataAvailable"));
        }
        String events = EventLog.await(base, "abort", "onError");
        assertTrue(events.contains("onError:"), events);
        assertFalse(events.contains("onAllDataRead"), events);
    }

    @Test
    void secondReadListenerIsIllegalState()
    {
        HttpResponse<String> response = Http.post(base, "twice", "text/plain", "body");
        assertEquals(200, response.statusCode());
        assertEquals("IllegalStateException", response.headers().firstValue("X-Second-Listener").orElse(null));
        assertTrue(response.body().startsWith("bytes=4 "), response.body());
    }

    @Test
    void readListenerOutsideAsyncIsIllegalState()
    {
        HttpResponse<String> response = Http.post(base, "not-async", "text/plain", "still readable");
        assertEquals(200, response.statusCode());
        assertEquals("IllegalStateException then read still readable", response.body());
    }

    @Test
    void nullReadListenerIsANullPointerException()
    {
        HttpResponse<String> response = Http.post(base, "null", "text/plain", "x");
        assertEquals(200, response.statusCode());
        assertEquals("NullPointerException", response.body());
    }
}
