package io.lyger.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The deterministic byte stream served by {@code /bytes}: byte {@code i} is {@code (i * 31 + 7) & 0xff}.
 * <p>
 * It has no servlet dependency so tests (here and in the launcher, through the {@code classes} jar this module
 * attaches) compute the expected content and SHA-256 with exactly the code the servlet serves with.
 */
public final class SampleBytes
{
    private SampleBytes()
    {
    }

    /** @return byte number {@code index} of the stream. */
    public static byte at(long index)
    {
        return (byte)((index * 31 + 7) & 0xff);
    }

    /** Fills {@code buffer[0..length)} with the bytes starting at stream position {@code offset}. */
    public static void fill(byte[] buffer, int length, long offset)
    {
        for (int i = 0; i < length; i++)
            buffer[i] = at(offset + i);
    }

    /** Writes the first {@code count} bytes of the stream to {@code out}, {@code chunkSize} bytes per write. */
    public static void write(OutputStream out, long count, int chunkSize) throws IOException
    {
        byte[] buffer = new byte[(int)Math.max(1, Math.min(chunkSize, count))];
        long written = 0;
        while (written < count)
        {
            int length = (int)Math.min(buffer.length, count - written);
            fill(buffer, length, written);
            out.write(buffer, 0, length);
            written += length;
        }
    }

    /** @return the lowercase hex SHA-256 of the first {@code count} bytes of the stream. */
    public static String sha256Hex(long count)
    {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[8192];
        long done = 0;
        while (done < count)
        {
            int length = (int)Math.min(buffer.length, count - done);
            fill(buffer, length, done);
            digest.update(buffer, 0, length);
            done += length;
        }
        return hex(digest.digest());
    }

    static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException x)
        {
            throw new IllegalStateException("SHA-256 is required of every Java platform", x);
        }
    }

    /** @return {@code bytes} as lowercase hex. */
    public static String hex(byte[] bytes)
    {
        StringBuilder hex = new StringBuilder(bytes.length * 2);
        for (byte b : bytes)
        {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16));
            hex.append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }
}
