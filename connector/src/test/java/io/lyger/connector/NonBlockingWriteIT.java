package io.lyger.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Servlet non-blocking writes ({@code WriteListener}) to a client that does not read: the socket fills, isReady()
 * turns false, no thread waits for the client, and when it reads every byte arrives; a pending write still fails on
 * the idle timeout, a reset or a stop. Runs on both connectors: the native one must behave as Jetty's
 * ServerConnector, which completes a write's callback when the socket drains instead of blocking a thread.
 */
class NonBlockingWriteIT
{
    /** Far more than the socket buffers of both ends hold with the client's small receive buffer. */
    private static final long SIZE = 16 << 20;
    private static final long STALL_MS = 2000;

    @BothConnectors
    void slowReaderMakesIsReadyFalseAndBlocksNoThread(ConnectorKind kind) throws Exception
    {
        slowReader(kind, 64 * 1024, STALL_MS);
    }

    /** Small writes reach the connector through Jetty's (direct) aggregation buffer rather than as heap buffers. */
    @BothConnectors
    void smallWritesToASlowReader(ConnectorKind kind) throws Exception
    {
        slowReader(kind, 4096, 500);
    }

    private static void slowReader(ConnectorKind kind, int piece, long stallMs) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = slowClient(server))
        {
            CompletableFuture<Void> unready = server.asyncWriteServlet().nextUnready();
            long start = System.nanoTime();
            client.send("GET /async-write?size=" + SIZE + "&piece=" + piece + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            unready.get(10, TimeUnit.SECONDS);
            // While the client does not read: no thread may be inside the listener or in a native send.
            Thread.sleep(200);
            List<String> busy = new ArrayList<>();
            while (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < stallMs)
            {
                busy.addAll(writingThreads());
                Thread.sleep(50);
            }
            assertTrue(busy.isEmpty(), "threads writing while the client did not read: " + busy);

            RawResponse response = client.read();
            assertEquals(200, response.status());
            byte[] body = response.body();
            assertEquals(SIZE, body.length);
            for (int i = 0; i < body.length; i++)
            {
                if (body[i] != AsyncWriteServlet.at(i))
                    throw new AssertionError("byte " + i + " is " + body[i] + ", not " + AsyncWriteServlet.at(i));
            }
            AsyncWriteServlet.Outcome outcome = server.asyncWriteServlet().outcomes().poll(10, TimeUnit.SECONDS);
            assertNotNull(outcome, "the listener did not finish");
            assertNull(outcome.failure());
            assertEquals(SIZE, outcome.written());
            assertTrue(outcome.unready() > 0, outcome.toString());
            assertEquals(outcome.unready() + 1, outcome.calls(), "onWritePossible comes back once per isReady()==false: " + outcome);
            assertTrue(outcome.maxWriteMs() < stallMs / 2, "a write waited for the client: " + outcome);
        }
    }

    @BothConnectors
    void idleTimeoutFailsAPendingWrite(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.options(kind).idleTimeout(1000).start();
             RawClient client = slowClient(server))
        {
            client.send("GET /async-write?size=" + SIZE + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            AsyncWriteServlet.Outcome outcome = server.asyncWriteServlet().outcomes().poll(10, TimeUnit.SECONDS);
            assertNotNull(outcome, "no onError within 10 s of a 1 s idle timeout");
            assertNotNull(outcome.failure(), outcome.toString());
        }
    }

    @BothConnectors
    void clientResetFailsAPendingWrite(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind))
        {
            CompletableFuture<Void> unready = server.asyncWriteServlet().nextUnready();
            try (RawClient client = slowClient(server))
            {
                client.send("GET /async-write?size=" + SIZE + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
                unready.get(10, TimeUnit.SECONDS);
                client.socket().setSoLinger(true, 0); // close() sends RST
            }
            AsyncWriteServlet.Outcome outcome = server.asyncWriteServlet().outcomes().poll(10, TimeUnit.SECONDS);
            assertNotNull(outcome, "no onError within 10 s of the reset");
            assertNotNull(outcome.failure(), outcome.toString());
        }
    }

    @BothConnectors
    void stopFailsAPendingWrite(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.start(kind);
             RawClient client = slowClient(server))
        {
            CompletableFuture<Void> unready = server.asyncWriteServlet().nextUnready();
            client.send("GET /async-write?size=" + SIZE + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            unready.get(10, TimeUnit.SECONDS);
            server.server().setStopTimeout(500);
            long start = System.nanoTime();
            try
            {
                server.close();
            }
            catch (TimeoutException expected)
            {
                // the graceful part timed out (the client never reads); Jetty stops the rest and then says so
            }
            long stopMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            AsyncWriteServlet.Outcome outcome = server.asyncWriteServlet().outcomes().poll(5, TimeUnit.SECONDS);
            assertNotNull(outcome, "no onError after the stop (" + stopMs + " ms)");
            assertNotNull(outcome.failure(), outcome.toString());
            assertTrue(stopMs < 5000, "stop took " + stopMs + " ms");
        }
    }

    /** A client whose receive buffer stays small (a fixed SO_RCVBUF turns autotuning off), so the server's socket fills. */
    private static RawClient slowClient(TestServer server) throws Exception
    {
        RawClient client = new RawClient(server.port());
        client.socket().setReceiveBufferSize(64 * 1024);
        return client;
    }

    /** @return the threads now inside the servlet's write listener or in a native send. */
    private static List<String> writingThreads()
    {
        List<String> writing = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet())
        {
            for (StackTraceElement frame : entry.getValue())
            {
                if (frame.getClassName().startsWith(AsyncWriteServlet.class.getName()) ||
                    frame.getClassName().endsWith("LygerLibrary") && frame.getMethodName().startsWith("lyger_send"))
                {
                    writing.add(entry.getKey().getName() + " at " + frame);
                    break;
                }
            }
        }
        return writing;
    }
}
