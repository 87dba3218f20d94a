package io.lyger.connector;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * More clients than pool threads, each holding its thread in a blocking servlet write or read: a write completes only
 * when the engine sees the socket writable (SENT), a read only when bytes come (CONTENT), and the native engine's
 * pollers are tasks of the same pool. With every thread blocked, the connector must still deliver those events
 * (NativeServer's reserve poller), as Jetty's selector threads do. Before the reserve poller, both tests hung until
 * their timeout on the native connector.
 * <p>
 * The clients pause before they read (or send the rest of their body) so that every pool thread is blocked at once,
 * then read or write slowly. Raw sockets with small receive buffers make the server's sends go pending early.
 */
class PoolExhaustionIT
{
    static final int THREADS = 8;
    private static final int CLIENTS = 2 * THREADS;
    private static final int DOWNLOAD_BYTES = 4 << 20;
    private static final int UPLOAD_BYTES = 1 << 20;
    /** Generous: on an idle machine the whole test takes about a second. */
    private static final long TIMEOUT_S = 60;

    @BothConnectors
    void slowDownloadsFromABlockingServlet(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.options(kind).threads(THREADS).start())
        {
            runClients(() -> download(connect(server.port())));
        }
    }

    @BothConnectors
    void slowUploadsToABlockingServlet(ConnectorKind kind) throws Exception
    {
        try (TestServer server = TestServer.options(kind).threads(THREADS).start())
        {
            runClients(() -> upload(connect(server.port())));
        }
    }

    /** A plain socket with a small receive buffer (set before connecting, so the window stays small). */
    static Socket connect(int port) throws IOException
    {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(16 * 1024);
        socket.setSoTimeout((int)TimeUnit.SECONDS.toMillis(TIMEOUT_S));
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        return socket;
    }

    /** Runs {@link #CLIENTS} of {@code client} at once and waits for all of them, each failure failing the test. */
    static void runClients(Callable<Void> client) throws Exception
    {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try
        {
            List<Future<Void>> done = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++)
                done.add(clients.submit(client));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            for (Future<Void> each : done)
                each.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        finally
        {
            clients.shutdownNow();
        }
    }

    /** GET /bytes on the connected socket: a pause, then slow reads; checks every byte. */
    static Void download(Socket connected) throws IOException, InterruptedException
    {
        try (Socket socket = connected)
        {
            socket.getOutputStream().write(("GET /bytes?n=" + DOWNLOAD_BYTES + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(300); // every server thread blocks in its write meanwhile
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            byte[] buffer = new byte[8 * 1024];
            byte[] expected = new byte[buffer.length];
            long offset = 0;
            int n;
            while ((n = in.read(buffer)) >= 0)
            {
                TestPattern.fill(offset, expected, 0, n);
                for (int i = 0; i < n; i++)
                {
                    if (buffer[i] != expected[i])
                        throw new AssertionError("byte " + (offset + i) + " differs");
                }
                offset += n;
                if ((offset & 0x3ffff) < n)
                    Thread.sleep(1); // slow reader: a pause every 256 KiB
            }
            assertEquals(DOWNLOAD_BYTES, offset);
        }
        return null;
    }

    /** POST /sha256: the head and a first piece, a pause, then the rest slowly; checks the digest the servlet read. */
    static Void upload(Socket connected) throws Exception
    {
        byte[] body = TestPattern.bytes(UPLOAD_BYTES);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)) + " " + UPLOAD_BYTES;
        try (Socket socket = connected)
        {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /sha256 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: " + UPLOAD_BYTES + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            int piece = 32 * 1024;
            out.write(body, 0, piece);
            out.flush();
            Thread.sleep(300); // every server thread blocks in its read meanwhile
            for (int offset = piece; offset < body.length; offset += piece)
            {
                out.write(body, offset, Math.min(piece, body.length - offset));
                out.flush();
                Thread.sleep(1); // slow writer
            }
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            assertEquals(expected, new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
        return null;
    }

    private static String readHead(InputStream in) throws IOException
    {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0)
        {
            head.append((char)c);
            if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4)
                return head.toString();
        }
        throw new IOException("Connection closed in the response head: " + head);
    }
}
