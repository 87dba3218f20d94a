package io.lyger.connector.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HostPortHttpField;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;

/**
 * Decodes the engine's REQUEST events (and trailer blocks) into Jetty's types; one per thread. Known methods and
 * header names resolve to Jetty's constants, and common header lines to the typed fields Jetty's own parser uses; header lines and targets this thread decoded before come from a
 * {@link DecodeCache} (immutable {@code HttpField}s and {@code String}s, shared by the requests that repeat them);
 * a connection's addresses are decoded once (the remote one kept in its {@link RequestHead}, the local one per thread). So a client repeating its headers costs no new strings or fields.
 * Reads the buffer with absolute indexes: no buffer views are made.
 */
final class RequestDecoder
{
    /** Header lines (name and value) up to this long are cached; longer ones (big cookies, tokens) rarely repeat. */
    private static final int CACHED_FIELD_LENGTH = 512;
    private static final int CACHED_TARGET_LENGTH = 256;
    private static final DecodeCache.Decoder<HttpField> NEW_FIELD = RequestDecoder::newField;
    private static final DecodeCache.Decoder<String> NEW_TARGET = (bytes, length, tag) -> new String(bytes, 0, length, StandardCharsets.ISO_8859_1);

    private final DecodeCache<HttpField> fieldCache = new DecodeCache<>(256, CACHED_FIELD_LENGTH);
    private final DecodeCache<String> targetCache = new DecodeCache<>(64, CACHED_TARGET_LENGTH);
    private final AddressCache localCache = new AddressCache();
    private byte[] scratch;
    /** Read position in the buffer being decoded. */
    private int pos;

    /** @param scratchCapacity at least the event buffer's capacity (a name plus its value must fit) */
    RequestDecoder(int scratchCapacity)
    {
        scratch = new byte[scratchCapacity];
    }

    /** Grows the array names, values and targets are copied into, for a larger event buffer. */
    void ensureCapacity(int capacity)
    {
        if (scratch.length < capacity)
            scratch = new byte[capacity];
    }

    /** @return the connection number a REQUEST event carries, to find the connection's {@link NativeChannel} first */
    static long connId(ByteBuffer event)
    {
        return event.getLong(12);
    }

    /**
     * Decodes a REQUEST event of {@code length} bytes at the start of {@code event} (little-endian) into
     * {@code head}, whose fields it clears first. The handle it carries is owned by the caller from now on, also if
     * decoding fails.
     */
    void decode(ByteBuffer event, int length, RequestHead head)
    {
        head.beginNanoTime = System.nanoTime();
        if (length > event.capacity())
            throw new IllegalArgumentException("event length " + length + " > buffer capacity " + event.capacity());
        head.version = event.get(1) == 0 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
        head.flags = event.get(2) & 0xFF;
        head.conn = event.getLong(4);
        head.connId = connId(event);
        head.contentLength = event.getLong(20);
        pos = 28;
        head.remote = address(event, head.remoteAddress);
        head.local = address(event, localCache);
        head.method = method(event);
        head.target = target(event);
        int count = event.getShort(pos) & 0xFFFF;
        pos += 2;
        HttpFields.Mutable fields = head.fields.clear();
        head.host = null;
        head.badMessage = null;
        for (int i = 0; i < count; i++)
        {
            HttpField field = readField(event, true);
            if (field == null)
            {
                head.badMessage = "Bad Host";
                continue;
            }
            if (field instanceof HostPortHttpField hostField)
                head.host = hostField;
            fields.add(field);
        }
        if (pos > length)
            throw new IllegalArgumentException("REQUEST event overruns its length: " + pos + " > " + length);
    }

    /**
     * Decodes the fields {@code lyger_trailers} wrote at the start of {@code buffer}: a u16 count, then the fields
     * encoded as in a REQUEST event.
     */
    HttpFields.Mutable decodeFields(ByteBuffer buffer, int length)
    {
        pos = 0;
        int count = buffer.getShort(pos) & 0xFFFF;
        pos += 2;
        HttpFields.Mutable fields = HttpFields.build(count);
        for (int i = 0; i < count; i++)
            fields.add(readField(buffer, false));
        if (pos > length)
            throw new IllegalArgumentException("trailers overrun their length: " + pos + " > " + length);
        return fields;
    }

    /**
     * Reads one field: u16 name length, name, u32 value length, value.
     *
     * @param hostPort whether a Host field becomes a {@link HostPortHttpField}
     * @return the field, or null for a Host that is not a valid host and port
     */
    private HttpField readField(ByteBuffer in, boolean hostPort)
    {
        int nameLength = in.getShort(pos) & 0xFFFF;
        int valueLength = in.getInt(pos + 2 + nameLength);
        int lineLength = nameLength + valueLength;
        ensureCapacity(lineLength);
        in.get(pos + 2, scratch, 0, nameLength);
        in.get(pos + 6 + nameLength, scratch, nameLength, valueLength);
        pos += 6 + lineLength;
        // the trailer decoder never makes HostPortHttpFields: keep its entries apart with another tag
        return fieldCache.get(scratch, lineLength, hostPort ? nameLength : -1 - nameLength, NEW_FIELD);
    }

    /**
     * A field for a line the cache does not hold: bytes {@code [0, lineLength)} of {@code line} are its name then its
     * value, and {@code tag} is the name's length when a Host becomes a {@link HostPortHttpField}, else -1 minus it.
     *
     * @return the field, or null for a Host that is not a valid host and port
     */
    static HttpField newField(byte[] line, int lineLength, int tag)
    {
        boolean hostPort = tag >= 0;
        int nameLength = hostPort ? tag : -1 - tag;
        HttpHeader header = HttpHeader.CACHE.getBest(line, 0, nameLength);
        String name;
        if (header != null && header.asString().length() == nameLength)
            name = header.asString();
        else
        {
            header = null;
            name = new String(line, 0, nameLength, StandardCharsets.ISO_8859_1);
        }
        String value = new String(line, nameLength, lineLength - nameLength, StandardCharsets.ISO_8859_1);
        HttpField jettys = header == null ? null : jettyCachedField(header, value);
        if (jettys != null)
            return jettys;
        if (hostPort && header == HttpHeader.HOST)
        {
            try
            {
                return new HostPortHttpField(value);
            }
            catch (IllegalArgumentException | HttpException.RuntimeException x)
            {
                // Jetty 12.1 throws its 400 ("Bad HostPort"): answered as such (NativeHttpStream), not a failed decode
                return null;
            }
        }
        return new HttpField(header, name, value);
    }

    /**
     * @return the field Jetty's own HTTP/1.1 parser would use for this line ({@link HttpParser#CACHE}, matched without
     * regard to case as that parser does), or null: its typed fields carry meaning, e.g. a {@code Content-Type}'s
     * mime type and default charset, which the servlet layer reads from them.
     */
    private static HttpField jettyCachedField(HttpHeader header, String value)
    {
        HttpField known = HttpParser.CACHE.get(header.asString() + ": " + value);
        return known != null && known.getHeader() == header && known.getValue().equalsIgnoreCase(value) ? known : null;
    }

    private String method(ByteBuffer in)
    {
        int length = in.getShort(pos) & 0xFFFF;
        in.get(pos + 2, scratch, 0, length);
        pos += 2 + length;
        HttpMethod known = HttpMethod.CACHE.getBest(scratch, 0, length);
        if (known != null && known.asString().length() == length)
            return known.asString();
        return new String(scratch, 0, length, StandardCharsets.ISO_8859_1);
    }

    private String target(ByteBuffer in)
    {
        int length = in.getInt(pos);
        ensureCapacity(length);
        in.get(pos + 4, scratch, 0, length);
        pos += 4 + length;
        return targetCache.get(scratch, length, 0, NEW_TARGET);
    }

    /**
     * Reads an address (u8 family, 16 bytes, u16 port), reusing the last one decoded into {@code cache} when the bytes
     * are equal: a connection's addresses never change (its head keeps the remote one: a per-thread cache of the last
     * remote address missed at nearly every request with more connections than threads), and the local one is the
     * same for all (but behind a PROXY protocol header, which gives each connection its own: hence the comparison).
     */
    private InetSocketAddress address(ByteBuffer in, AddressCache cache)
    {
        int start = pos;
        int family = in.get(start);
        long high = in.getLong(start + 1);
        long low = in.getLong(start + 9);
        int port = in.getShort(start + 17) & 0xFFFF;
        pos = start + 19;
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

    /** The last address decoded at one place of the event: a connection's remote one, or a thread's local one. */
    static final class AddressCache
    {
        private int family;
        private long high;
        private long low;
        private int port;
        private InetSocketAddress address;
    }
}
