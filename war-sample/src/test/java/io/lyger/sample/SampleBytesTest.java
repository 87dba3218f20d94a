package io.lyger.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SampleBytesTest
{
    @Test
    void firstBytesFollowTheFormula()
    {
        assertEquals(7, SampleBytes.at(0));
        assertEquals(38, SampleBytes.at(1));
        assertEquals((byte)((255 * 31 + 7) & 0xff), SampleBytes.at(255));
        assertEquals(SampleBytes.at(3), SampleBytes.at(3 + 256), "the stream repeats every 256 bytes");
    }

    @Test
    void writeInChunksEqualsFormulaAndDigest() throws Exception
    {
        int n = 100_003;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SampleBytes.write(out, n, 4096);
        byte[] bytes = out.toByteArray();
        assertEquals(n, bytes.length);
        byte[] expected = new byte[n];
        for (int i = 0; i < n; i++)
            expected[i] = (byte)((i * 31 + 7) & 0xff);
        assertArrayEquals(expected, bytes);
        String digest = SampleBytes.hex(MessageDigest.getInstance("SHA-256").digest(expected));
        assertEquals(digest, SampleBytes.sha256Hex(n));
    }

    @Test
    void emptyStream() throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SampleBytes.write(out, 0, 4096);
        assertEquals(0, out.size());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", SampleBytes.sha256Hex(0));
    }

    @Test
    void jsonQuoting()
    {
        assertEquals("\"Hello, World!\"", JsonServlet.quote("Hello, World!"));
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", JsonServlet.quote("a\"b\\c\n\u0001"));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("message", "Hello, World!");
        fields.put("x", "é");
        assertEquals("{\"message\":\"Hello, World!\",\"x\":\"é\"}", JsonServlet.object(fields));
        assertEquals("{\"message\":\"Hello, World!\"}".getBytes(StandardCharsets.UTF_8).length, 27);
    }
}
