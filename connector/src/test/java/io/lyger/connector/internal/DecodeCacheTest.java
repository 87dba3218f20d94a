package io.lyger.connector.internal;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class DecodeCacheTest
{
    private static byte[] bytes(String s)
    {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void anEqualKeyHitsAndANearMissDoesNot()
    {
        DecodeCache<String> cache = new DecodeCache<>(16, 64);
        String value = "kept";
        cache.put(bytes("abcdefgh-1-stuvwxyz"), 19, 7, value);
        assertSame(value, cache.get(bytes("abcdefgh-1-stuvwxyz"), 19, 7));
        // same length, same first and last 8 bytes (so the same slot), one byte differs in the middle
        assertNull(cache.get(bytes("abcdefgh-2-stuvwxyz"), 19, 7));
        // same bytes, another tag (another split between name and value)
        assertNull(cache.get(bytes("abcdefgh-1-stuvwxyz"), 19, 8));
        // a prefix of the key, read from a longer array
        assertNull(cache.get(bytes("abcdefgh-1-stuvwxyz"), 18, 7));
    }

    @Test
    void keysAreCopiedAndLongKeysAreNotKept()
    {
        DecodeCache<String> cache = new DecodeCache<>(16, 8);
        byte[] scratch = bytes("short");
        cache.put(scratch, 5, 0, "short");
        scratch[0] = 'S'; // the caller reuses its array
        assertNull(cache.get(scratch, 5, 0));
        assertEquals("short", cache.get(bytes("short"), 5, 0));
        cache.put(bytes("longer than eight"), 17, 0, "long");
        assertNull(cache.get(bytes("longer than eight"), 17, 0));
    }

    @Test
    void twoKeysOfOneSetAreBothKeptAndAThirdReplacesTheOlder()
    {
        DecodeCache<String> cache = new DecodeCache<>(2, 64); // one set: every key shares it
        cache.put(bytes("Accept: */*"), 11, 6, "a");
        cache.put(bytes("User-Agent: curl/8.5.0"), 22, 10, "b");
        assertEquals("a", cache.get(bytes("Accept: */*"), 11, 6));
        assertEquals("b", cache.get(bytes("User-Agent: curl/8.5.0"), 22, 10));
        cache.put(bytes("Host: localhost"), 15, 4, "c");
        assertNull(cache.get(bytes("Accept: */*"), 11, 6), "the older entry stays after a third key");
        assertEquals("b", cache.get(bytes("User-Agent: curl/8.5.0"), 22, 10));
        assertEquals("c", cache.get(bytes("Host: localhost"), 15, 4));
    }
}
