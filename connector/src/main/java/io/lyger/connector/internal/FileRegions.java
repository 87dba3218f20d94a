package io.lyger.connector.internal;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-only file mappings the native stream recognises, so that a response body which is (a slice of) one goes to
 * the engine as a file region ({@code lyger_send_file}, sendfile(2)) instead of bytes. The mapping carries the real
 * bytes: whatever rewrites or copies them on the way (a filter, gzip, an aggregating writer, Jetty's own connector)
 * simply hands something else to the stream, which then sends bytes as usual.
 * <p>
 * Recognition is by address: a direct buffer whose memory lies inside a registered mapping is that file at that
 * offset. An entry is dropped when its mapping is collected, and never trusted after: the mapping is held weakly, and
 * a cleared reference means the address may belong to another mapping now.
 */
public final class FileRegions
{
    /** Smaller bodies go as bytes: one {@code sendmsg} with the head beats an open, a stat and a sendfile. */
    public static final int MIN_BYTES = 16 * 1024;
    private static final ConcurrentSkipListMap<Long, Mapping> BY_ADDRESS = new ConcurrentSkipListMap<>();
    private static final Cleaner CLEANER = Cleaner.create();
    private static final LongAdder SENT = new LongAdder();
    private static final Logger LOG = LoggerFactory.getLogger(FileRegions.class);

    /** A registered mapping of the whole file at {@code path} (its bytes for the engine, UTF-8). */
    record Mapping(long address, long size, byte[] path, WeakReference<ByteBuffer> buffer)
    {
    }

    private FileRegions()
    {
    }

    /** @return a read-only mapping of the first {@code size} bytes of the regular file {@code file}, registered */
    public static ByteBuffer map(Path file, long size) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            ByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            long address = ThreadBuffers.address(mapped);
            Mapping mapping = new Mapping(address, size, file.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8), new WeakReference<>(mapped));
            BY_ADDRESS.put(address, mapping);
            // (captures the address and the entry, never the buffer: the buffer must stay collectable)
            CLEANER.register(mapped, () -> BY_ADDRESS.remove(address, mapping));
            return mapped;
        }
    }

    /**
     * @param address the native address of the first byte of {@code length} bytes of direct memory
     * @return the live mapping that holds all of them, or null
     */
    static Mapping find(long address, int length)
    {
        if (BY_ADDRESS.isEmpty())
            return null;
        Map.Entry<Long, Mapping> entry = BY_ADDRESS.floorEntry(address);
        if (entry == null)
            return null;
        Mapping mapping = entry.getValue();
        if (address + length > mapping.address() + mapping.size() || mapping.buffer().get() == null)
            return null;
        return mapping;
    }

    /** Counts a body the engine took as a file region (and says so at DEBUG: tests of a server in another process). */
    static void onSent(Mapping file, int length)
    {
        SENT.increment();
        if (LOG.isDebugEnabled())
            LOG.debug("Sent {} bytes of {} as a file region", length, new String(file.path(), StandardCharsets.UTF_8));
    }

    /** @return bodies sent as file regions by this JVM's native connectors so far (metrics, tests) */
    public static long sent()
    {
        return SENT.sum();
    }
}
