package io.lyger.tck.nio;

import java.util.zip.CRC32;

/** Test side helpers of the nio tests. */
final class Client
{
    private Client()
    {
    }

    static void pause(long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (InterruptedException x)
        {
            Thread.currentThread().interrupt();
        }
    }

    static String crc(byte[] bytes)
    {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return Long.toHexString(crc.getValue());
    }
}
