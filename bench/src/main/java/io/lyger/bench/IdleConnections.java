package io.lyger.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Many mostly idle keep-alive connections, opened and held by the harness itself with NIO: each connects, sends one
 * GET, reads its response, and then stays open and silent until {@link #close()}. Closing uses SO_LINGER 0 (reset),
 * so that tens of thousands of connections over a run leave no TIME_WAIT behind to exhaust loopback's ephemeral ports.
 */
public final class IdleConnections implements AutoCloseable
{
    /** Connections being connected or awaiting their response at once. */
    private static final int WINDOW = 512;

    private final List<SocketChannel> held = new ArrayList<>();
    private int failed;

    private IdleConnections()
    {
    }

    /**
     * Opens {@code count} connections to {@code port} on 127.0.0.1 and sends {@code GET path} on each.
     * Returns when every one has answered or failed, or when {@code timeout} passed.
     */
    public static IdleConnections open(int port, String path, int count, Duration timeout) throws IOException
    {
        IdleConnections idle = new IdleConnections();
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        ByteBuffer read = ByteBuffer.allocateDirect(16 * 1024);
        long deadline = System.nanoTime() + timeout.toNanos();
        int started = 0;
        int inFlight = 0;
        try (Selector selector = Selector.open())
        {
            while ((started < count || inFlight > 0) && System.nanoTime() < deadline)
            {
                while (started < count && inFlight < WINDOW)
                {
                    SocketChannel channel = SocketChannel.open();
                    channel.configureBlocking(false);
                    channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    started++;
                    inFlight++;
                    if (channel.connect(address))
                    {
                        channel.write(ByteBuffer.wrap(request));
                        channel.register(selector, SelectionKey.OP_READ);
                    }
                    else
                        channel.register(selector, SelectionKey.OP_CONNECT);
                }
                selector.select(100);
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); )
                {
                    SelectionKey key = it.next();
                    it.remove();
                    SocketChannel channel = (SocketChannel)key.channel();
                    try
                    {
                        if (key.isConnectable())
                        {
                            channel.finishConnect();
                            channel.write(ByteBuffer.wrap(request));
                            key.interestOps(SelectionKey.OP_READ);
                        }
                        else if (key.isReadable())
                        {
                            read.clear();
                            int n = channel.read(read);
                            if (n < 0)
                                throw new IOException("closed by the server");
                            read.flip();
                            byte[] head = new byte[Math.min(12, read.remaining())];
                            read.get(head);
                            key.cancel();
                            inFlight--;
                            if (new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"))
                                idle.held.add(channel);
                            else
                            {
                                idle.failed++;
                                reset(channel);
                            }
                        }
                    }
                    catch (IOException e)
                    {
                        key.cancel();
                        inFlight--;
                        idle.failed++;
                        reset(channel);
                    }
                }
            }
            selector.selectNow(); // deregisters the cancelled keys: what is left timed out
            for (SelectionKey key : selector.keys())
            {
                idle.failed++;
                reset((SocketChannel)key.channel());
            }
            idle.failed += count - started;
        }
        return idle;
    }

    /** @return connections open and answered with 200 */
    public int held()
    {
        return held.size();
    }

    /** @return connections that could not be opened or were not answered with 200 */
    public int failed()
    {
        return failed;
    }

    /** @return how many held connections the server closed in the meantime (checked without blocking) */
    public int closedByServer()
    {
        int closed = 0;
        ByteBuffer probe = ByteBuffer.allocate(1024);
        for (SocketChannel channel : held)
        {
            try
            {
                probe.clear();
                if (channel.read(probe) < 0)
                    closed++;
            }
            catch (IOException e)
            {
                closed++;
            }
        }
        return closed;
    }

    @Override
    public void close()
    {
        held.forEach(IdleConnections::reset);
        held.clear();
    }

    private static void reset(SocketChannel channel)
    {
        try
        {
            channel.close();
        }
        catch (IOException ignored)
        {
            // closing anyway
        }
    }
}
