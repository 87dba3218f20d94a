package io.lyger.connector;

import java.io.InputStream;

/** The first {@code length} bytes of {@link TestPattern} as a stream, generated on the fly (no memory held). */
public final class PatternInputStream extends InputStream
{
    private final long length;
    private long position;

    public PatternInputStream(long length)
    {
        this.length = length;
    }

    @Override
    public int read()
    {
        return position < length ? TestPattern.at(position++) & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int len)
    {
        if (len == 0)
            return 0;
        if (position >= length)
            return -1;
        int n = (int)Math.min(Math.min(len, TestPattern.MAX_SLICE), length - position);
        TestPattern.fill(position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available()
    {
        return (int)Math.min(Integer.MAX_VALUE, length - position);
    }
}
