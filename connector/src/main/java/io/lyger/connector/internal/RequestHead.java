package io.lyger.connector.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HostPortHttpField;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpVersion;

/**
 * A request head as the engine handed it over: the decoded REQUEST event of {@code native-connector/ABI.md}.
 * Known header names and methods resolve to Jetty's canonical constants without allocating.
 */
final class RequestHead
{
    static final int KIND_REQUEST = 1;
    static final int KIND_CONTENT = 2;

    private static final int KEEP_ALIVE = 1;
    private static final int EXPECT_100 = 2;
    private static final int CHUNKED = 4;
    private static final int HAS_BODY = 8;

    final long beginNanoTime;
    final HttpVersion version;
    final int flags;
    final long conn;
    final long connId;
    final long contentLength;
    final InetSocketAddress remote;
    final InetSocketAddress local;
    final String method;
    final String target;
    final HttpFields.Mutable fields;
    final HostPortHttpField host;
    /** Why Java cannot accept this request (answered 400), or null. */
    final String badMessage;

    private RequestHead(long beginNanoTime, HttpVersion version, int flags, long conn, long connId, long contentLength,
                        InetSocketAddress remote, InetSocketAddress local, String method, String target,
                        HttpFields.Mutable fields, HostPortHttpField host, String badMessage)
    {
        this.beginNanoTime = beginNanoTime;
        this.version = version;
        this.flags = flags;
        this.conn = conn;
        this.connId = connId;
        this.contentLength = contentLength;
        this.remote = remote;
        this.local = local;
        this.method = method;
        this.target = target;
        this.fields = fields;
        this.host = host;
        this.badMessage = badMessage;
    }

    boolean isKeepAlive()
    {
        return (flags & KEEP_ALIVE) != 0;
    }

    boolean expects100Continue()
    {
        return (flags & EXPECT_100) != 0;
    }

    boolean isChunked()
    {
        return (flags & CHUNKED) != 0;
    }

    boolean hasBody()
    {
        return (flags & HAS_BODY) != 0;
    }

    /** @return the kind of the event at the start of {@code event}. */
    static int kind(ByteBuffer event)
    {
        return event.get(0);
    }

    /** @return the connection handle an event carries (REQUEST and CONTENT alike, at offset 4). */
    static long conn(ByteBuffer event)
    {
        return event.getLong(4);
    }

    /**
     * Decodes a REQUEST event of {@code length} bytes at the start of {@code event} (little-endian).
     * The handle it carries is owned by the caller from now on, also if decoding fails.
     *
     * @param scratch a reusable array at least as long as the longest name, value or target
     * @param remoteCache this thread's last remote address
     * @param localCache this thread's last local address
     * @throws IllegalArgumentException if a field cannot be represented (e.g. a bad Host): answer 400
     */
    static RequestHead decode(ByteBuffer event, int length, byte[] scratch, AddressCache remoteCache, AddressCache localCache)
    {
        long begin = System.nanoTime();
        ByteBuffer in = event.duplicate().order(event.order());
        in.position(1).limit(length);
        HttpVersion version = in.get() == 0 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
        int flags = in.get() & 0xFF;
        in.get();
        long conn = in.getLong();
        long connId = in.getLong();
        long contentLength = in.getLong();
        InetSocketAddress remote = address(in, remoteCache);
        InetSocketAddress local = address(in, localCache);
        String method = method(in, scratch);
        String target = string(in, in.getInt(), scratch);
        int count = in.getShort() & 0xFFFF;
        HttpFields.Mutable fields = HttpFields.build(count + 4);
        HostPortHttpField host = null;
        String badMessage = null;
        for (int i = 0; i < count; i++)
        {
            HttpField field = readField(in, scratch);
            if (field.getHeader() == HttpHeader.HOST)
            {
                try
                {
                    host = new HostPortHttpField(field.getValue());
                    field = host;
                }
                catch (IllegalArgumentException x)
                {
                    badMessage = "Bad Host";
                }
            }
            fields.add(field);
        }
        return new RequestHead(begin, version, flags, conn, connId, contentLength, remote, local, method, target, fields, host, badMessage);
    }

    /**
     * Decodes the fields {@code lyger_trailers} wrote at the start of {@code buffer}: a u16 count, then the fields
     * encoded as in a REQUEST event.
     */
    static HttpFields.Mutable decodeFields(ByteBuffer buffer, int length, byte[] scratch)
    {
        ByteBuffer in = buffer.duplicate().order(buffer.order());
        in.position(0).limit(length);
        int count = in.getShort() & 0xFFFF;
        HttpFields.Mutable fields = HttpFields.build(count);
        for (int i = 0; i < count; i++)
            fields.add(readField(in, scratch));
        return fields;
    }

    /** Reads one field: u16 name length, name, u32 value length, value. Known names become Jetty's constants. */
    private static HttpField readField(ByteBuffer in, byte[] scratch)
    {
        int nameLength = in.getShort() & 0xFFFF;
        HttpHeader header = null;
        String name;
        if (nameLength <= scratch.length)
        {
            in.get(scratch, 0, nameLength);
            header = HttpHeader.CACHE.getBest(scratch, 0, nameLength);
            if (header != null && header.asString().length() == nameLength)
                name = header.asString();
            else
            {
                header = null;
                name = new String(scratch, 0, nameLength, StandardCharsets.ISO_8859_1);
            }
        }
        else
        {
            name = string(in, nameLength, scratch);
        }
        String value = string(in, in.getInt(), scratch);
        return new HttpField(header, name, value);
    }

    private static String method(ByteBuffer in, byte[] scratch)
    {
        int length = in.getShort() & 0xFFFF;
        in.get(scratch, 0, length);
        HttpMethod known = HttpMethod.CACHE.getBest(scratch, 0, length);
        if (known != null && known.asString().length() == length)
            return known.asString();
        return new String(scratch, 0, length, StandardCharsets.ISO_8859_1);
    }

    private static String string(ByteBuffer in, int length, byte[] scratch)
    {
        if (length > scratch.length)
        {
            byte[] bytes = new byte[length];
            in.get(bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        in.get(scratch, 0, length);
        return new String(scratch, 0, length, StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads an address (u8 family, 16 bytes, u16 port), reusing the last one this thread decoded at the same place
     * when the bytes are equal: a connection's addresses never change, and the local one is the same for all.
     */
    private static InetSocketAddress address(ByteBuffer in, AddressCache cache)
    {
        int start = in.position();
        long high = in.getLong(start + 1);
        long low = in.getLong(start + 9);
        int family = in.get(start);
        int port = in.getShort(start + 17) & 0xFFFF;
        in.position(start + 19);
        if (cache.address != null && cache.family == family && cache.high == high && cache.low == low && cache.port == port)
            return cache.address;
        byte[] bytes = new byte[family == 6 ? 16 : 4];
        in.get(start + 1, bytes);
        try
        {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByAddress(bytes), port);
            cache.family = family;
            cache.high = high;
            cache.low = low;
            cache.port = port;
            cache.address = address;
            return address;
        }
        catch (UnknownHostException x)
        {
            // Only thrown for an illegal length, which the two lengths above exclude.
            throw new IllegalStateException(x);
        }
    }

    /** The last address one thread decoded at one place of the event (remote or local). */
    static final class AddressCache
    {
        private int family;
        private long high;
        private long low;
        private int port;
        private InetSocketAddress address;
    }
}
