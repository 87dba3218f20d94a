package io.lyger.connector.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A small two-way set-associative table from byte sequences to the immutable objects decoded from them (header fields,
 * request targets), so that a request head repeating what an earlier one on the same thread carried costs a
 * comparison instead of new {@code String}s and fields. Clients send the same header lines on every request of a
 * connection; Jetty's {@code HttpParser} keeps a per-connection field cache for the same reason. Hand-written
 * because Jetty's cache is internal to its parser and keyed by its own buffers. Not thread-safe: one per thread.
 *
 * @param <T> the decoded object; immutable, as it is handed to many requests
 */
final class DecodeCache<T>
{
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** An empty slot: a tag no caller uses and no bytes, so that a lookup needs no null check. */
    private static final int NO_TAG = Integer.MIN_VALUE;
    private static final byte[] NO_KEY = new byte[0];

    private final int mask;
    private final int maxKeyLength;
    private final byte[][] keys;
    private final int[] tags;
    private final Object[] values;

    /**
     * @param size the number of entries, a power of two, at least 2
     * @param maxKeyLength longer keys are neither looked up nor kept (they are rarely repeated)
     */
    DecodeCache(int size, int maxKeyLength)
    {
        if (Integer.bitCount(size) != 1 || size < 2)
            throw new IllegalArgumentException("size must be a power of two: " + size);
        this.mask = size - 1;
        this.maxKeyLength = maxKeyLength;
        this.keys = new byte[size][];
        this.tags = new int[size];
        this.values = new Object[size];
        Arrays.fill(keys, NO_KEY);
        Arrays.fill(tags, NO_TAG);
    }

    /** Makes the object for a key the cache does not hold. */
    @FunctionalInterface
    interface Decoder<T>
    {
        /** @return the object for bytes {@code [0, length)} of {@code key} and {@code tag}, or null: nothing is kept */
        T decode(byte[] key, int length, int tag);
    }

    /**
     * The miss is handled here, not by callers testing for null: every cache of the JVM shares this code and its
     * profile, so the header lines that miss (a new request id, a new cookie) keep the miss path compiled for the
     * targets too. A caller's own miss branch had never seen a miss once the warm-up's few targets were cached, and C2
     * compiled it as a trap that deoptimised the decoder at the first new target after ready.
     *
     * @param key bytes {@code [0, length)} are the key
     * @param tag a second part of the key (e.g. where a field's name ends and its value begins), not {@link #NO_TAG}
     * @return the object kept for exactly these bytes and tag, else the one {@code decoder} makes (kept if not null)
     */
    @SuppressWarnings("unchecked")
    T get(byte[] key, int length, int tag, Decoder<T> decoder)
    {
        if (length > maxKeyLength)
            return decoder.decode(key, length, tag);
        int set = set(key, length, tag);
        for (int slot = set; slot <= set + 1; slot++)
        {
            // Tag and length are compared in one branch, taken both ways from the first requests on (empty slots),
            // and keys of different lengths never reach Arrays.equals: its profile, shared by every caller in the
            // JVM, may never have seen them, and C2 compiles an outcome never seen as a trap, which deoptimised the
            // decoder at the first request after the warm-up that met one.
            byte[] kept = keys[slot];
            if (((tags[slot] ^ tag) | (kept.length ^ length)) == 0 && Arrays.equals(kept, 0, length, key, 0, length))
                return (T)values[slot];
        }
        T value = decoder.decode(key, length, tag);
        if (value != null)
            put(set, key, length, tag, value);
        return value;
    }

    /**
     * Keeps {@code value} for bytes {@code [0, length)} of {@code key} (copied) and {@code tag}, in its set's free
     * slot, else in place of the set's older entry (two keys of one set are both kept: a head with a few dozen
     * lines has some that share a set).
     */
    private void put(int set, byte[] key, int length, int tag, T value)
    {
        if (tags[set] != NO_TAG)
        {
            // the newer entry moves to the set's first slot, the older one to its second, replacing what was there
            keys[set + 1] = keys[set];
            tags[set + 1] = tags[set];
            values[set + 1] = values[set];
        }
        keys[set] = Arrays.copyOf(key, length);
        tags[set] = tag;
        values[set] = value;
    }

    /**
     * The first slot of the key's set: a hash of the length, the tag and at most 16 bytes (the first and last 8),
     * cheap, and enough to spread headers.
     */
    private int set(byte[] key, int length, int tag)
    {
        long h = length * 31L + tag;
        if (length >= 8)
        {
            h = h * 0x100000001B3L ^ (long)LONGS.get(key, 0);
            h = h * 0x100000001B3L ^ (long)LONGS.get(key, length - 8);
        }
        else
        {
            for (int i = 0; i < length; i++)
                h = h * 0x100000001B3L ^ key[i];
        }
        // a full avalanche (MurmurHash3's fmix64): the bytes that differ are often only the last ones
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int)h & mask & ~1;
    }
}
