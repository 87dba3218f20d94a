package io.lyger.connector;

/**
 * The deterministic byte stream served by {@code /bytes} and uploaded by the tests: byte i is {@code (i*31+7) & 0xff}.
 * It repeats every 256 bytes, so any slice can be copied out of one precomputed table.
 */
public final class TestPattern
{
    private static final int PERIOD = 256;
    /** Enough of the pattern that any slice up to {@link #MAX_SLICE} bytes starts somewhere in the first period. */
    public static final int MAX_SLICE = 64 * 1024;
    private static final byte[] TABLE = new byte[MAX_SLICE + PERIOD];

    static
    {
        for (int i = 0; i < TABLE.length; i++)
            TABLE[i] = at(i);
    }

    private TestPattern()
    {
    }

    public static byte at(long i)
    {
        return (byte)((i * 31 + 7) & 0xff);
    }

    /** Copies bytes [offset, offset+len) of the stream into buf[bufOffset..]; len at most {@link #MAX_SLICE}. */
    public static void fill(long offset, byte[] buf, int bufOffset, int len)
    {
        if (len > MAX_SLICE)
            throw new IllegalArgumentException("slice too large: " + len);
        System.arraycopy(TABLE, (int)(offset % PERIOD), buf, bufOffset, len);
    }

    /** @return the first n bytes of the stream (small n only). */
    public static byte[] bytes(int n)
    {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++)
            out[i] = at(i);
        return out;
    }
}
