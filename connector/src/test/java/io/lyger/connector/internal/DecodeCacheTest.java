package io.lyger.connector.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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

    /** Decodes a key to its string and the tag, and records each call: a call is a miss. */
    private static final class Misses implements DecodeCache.Decoder<String>
    {
        final List<String> decoded = new ArrayList<>();

        @Override
        public String decode(byte[] key, int length, int tag)
        {
            String value = new String(key, 0, length, StandardCharsets.ISO_8859_1) + "#" + tag;
            decoded.add(value);
            return value;
        }
    }

    @Test
    void anEqualKeyHitsAndANearMissDoesNot()
    {
        DecodeCache<String> cache = new DecodeCache<>(16, 64);
        Misses misses = new Misses();
        String kept = cache.get(bytes("abcdefgh-1-stuvwxyz"), 19, 7, misses);
        assertSame(kept, cache.get(bytes("abcdefgh-1-stuvwxyz"), 19, 7, misses));
        assertEquals(1, misses.decoded.size());
        // same length, same first and last 8 bytes (so the same set), one byte differs in the middle
        assertEquals("abcdefgh-2-stuvwxyz#7", cache.get(bytes("abcdefgh-2-stuvwxyz"), 19, 7, misses));
        // same bytes, another tag (another split between name and value)
        assertEquals("abcdefgh-1-stuvwxyz#8", cache.get(bytes("abcdefgh-1-stuvwxyz"), 19, 8, misses));
        // a prefix of the key, read from a longer array
        assertEquals("abcdefgh-1-stuvwxy#7", cache.get(bytes("abcdefgh-1-stuvwxyz"), 18, 7, misses));
        assertEquals(4, misses.decoded.size());
    }

    @Test
    void keysAreCopiedAndLongKeysAreNotKept()
    {
        DecodeCache<String> cache = new DecodeCache<>(16, 8);
        Misses misses = new Misses();
        byte[] scratch = bytes("short");
        cache.get(scratch, 5, 0, misses);
        scratch[0] = 'S'; // the caller reuses its array
        assertEquals("Short#0", cache.get(scratch, 5, 0, misses));
        assertEquals("short#0", cache.get(bytes("short"), 5, 0, misses));
        assertEquals(2, misses.decoded.size());
        cache.get(bytes("longer than eight"), 17, 0, misses);
        cache.get(bytes("longer than eight"), 17, 0, misses);
        assertEquals(4, misses.decoded.size(), "a key longer than the limit is decoded each time");
    }

    @Test
    void nullIsNotKept()
    {
        DecodeCache<String> cache = new DecodeCache<>(16, 64);
        int[] calls = {0};
        DecodeCache.Decoder<String> refusing = (key, length, tag) ->
        {
            calls[0]++;
            return null;
        };
        assertNull(cache.get(bytes("Host: [bad"), 10, 4, refusing));
        assertNull(cache.get(bytes("Host: [bad"), 10, 4, refusing));
        assertEquals(2, calls[0]);
    }

    @Test
    void twoKeysOfOneSetAreBothKeptAndAThirdReplacesTheOlder()
    {
        DecodeCache<String> cache = new DecodeCache<>(2, 64); // one set: every key shares it
        Misses misses = new Misses();
        cache.get(bytes("Accept: */*"), 11, 6, misses);
        cache.get(bytes("User-Agent: curl/8.5.0"), 22, 10, misses);
        cache.get(bytes("Accept: */*"), 11, 6, misses);
        cache.get(bytes("User-Agent: curl/8.5.0"), 22, 10, misses);
        assertEquals(2, misses.decoded.size(), "both kept");
        cache.get(bytes("Host: localhost"), 15, 4, misses);
        cache.get(bytes("User-Agent: curl/8.5.0"), 22, 10, misses);
        cache.get(bytes("Host: localhost"), 15, 4, misses);
        assertEquals(3, misses.decoded.size(), "the newer entry stays with the third key");
        cache.get(bytes("Accept: */*"), 11, 6, misses);
        assertEquals(4, misses.decoded.size(), "the older entry was replaced by the third key");
    }
}
