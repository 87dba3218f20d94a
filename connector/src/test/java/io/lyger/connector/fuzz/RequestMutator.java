package io.lyger.connector.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * The inputs of the differential fuzzing, from a seed: one to three valid requests (pipelined), then one to three
 * mutations, byte-level (bit flips, inserts, deletions, duplications, splices from other requests) or of the framing
 * (header lines, Host, Content-Length and Transfer-Encoding values, request line parts, chunk size lines, chunk
 * extensions, trailers, line ends). Text is handled as ISO-8859-1: one char per byte.
 */
final class RequestMutator
{
    private static final List<String> REQUESTS = List.of(
        "GET /plaintext HTTP/1.1\r\nHost: localhost:8080\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n",
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world",
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;a=b\r\n world\r\n0\r\nX-T: 1\r\n\r\n",
        "PUT /r HTTP/1.1\r\nHost: [::1]:80\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
        "GET /status HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        "GET http://x:8080/a?b=c HTTP/1.1\r\nHost: x:8080\r\n\r\n",
        "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
        "HEAD /a%20b?q HTTP/1.1\r\nHost: example.com\r\nCookie: a=1; b=2\r\nAccept-Encoding: gzip, br\r\n\r\n",
        "POST /u HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n1;n=\"q\"\r\nz\r\n0\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    private static final List<String> HEADER_LINES = List.of(
        "Host: u:p@x", "Host: x:abc", "Host: a b", "Host: x/y", "Host: x:99999999", "Host:", "Host: [::1]", "Host: x:",
        "Host: -x.y", "Host: x", "Content-Length: 5", "Content-Length: 5, 5", "Content-Length: 5,6", "Content-Length: +5",
        "Content-Length: 05", "Content-Length: 0x5", "Content-Length: 99999999999999999999", "Content-Length:",
        "Content-Length: 0", "Transfer-Encoding: chunked", "Transfer-Encoding: gzip", "Transfer-Encoding: chunked, gzip",
        "Transfer-Encoding: identity", "Transfer-Encoding: CHUNKED", "Transfer-Encoding: chunked, chunked",
        "Transfer-Encoding: ,chunked", " X: folded", "\tX: folded", "X : y", "X\t: y", "X:\ty\t", ": empty name", "X: \u00ff",
        "X: a\u0001b", "X: a\u007fb", "Connection: close", "Connection: keep-alive", "Connection: Keep-Alive, close",
        "Expect: 100-continue", "Expect: foo", "Expect: 100-continue, foo", "Upgrade: h2c", "X-Y\u00e9: z", "X: \"quoted\"",
        "Trailer: X-T", "Te: trailers", "A:b");

    private static final List<String> CHUNK_LINES = List.of(
        "5;a", "5;a=\"b\"", "5;=x", "5 ;a", "5; a=b", "5;a=b c", "5;a:b=1", "05", "0x5", "-1", "fffffffffffffffff",
        "5 ", "5\t", "", " 5", "5;", "5;a=\"b", "000000000000000000005", "a", "A", "g");

    private static final List<String> TRAILER_LINES = List.of(
        "Bad Line", "X : y", "GET /status?code=223 HTTP/1.1", "X:\u0001", "X: y", "Content-Length: 9", " X: y", ":v", "X");

    private static final List<String> TARGETS = List.of(
        "plaintext", "*", "//x", "/a b", "/%00", "/%zz", "http://y/", "http://x:8080", "x:80", "/a/../b", "/a?b#c", "/\u00e9",
        "/;p", "http://u@x/");

    private static final List<String> VERSIONS = List.of(
        "HTTP/1.2", "HTTP/2.0", "HTTP/1.10", "http/1.1", "HTTP/1", "HTTP/0.9", "HTTP/1.1 ", "HTTP/3.0", "HTTP/11");

    private static final List<String> METHODS = List.of("get", "G(T", "GE T", "", "PRI", "CONNECT", "FOO", "M\u00e9");

    private static final String INTERESTING = "\r\n \t:;,=\"\u0000\u007f\u0080\u00ff0159aAfFzZ/?%@[]\\";

    private final Random random;

    RequestMutator(long seed)
    {
        random = new Random(seed);
    }

    byte[] next()
    {
        StringBuilder s = new StringBuilder();
        int requests = 1 + random.nextInt(3);
        for (int i = 0; i < requests; i++)
            s.append(pick(REQUESTS));
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++)
            mutate(s);
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private void mutate(StringBuilder s)
    {
        int length = s.length();
        int at = length == 0 ? 0 : random.nextInt(length);
        switch (random.nextInt(12))
        {
            case 0 -> { if (length > 0) s.setCharAt(at, (char)((s.charAt(at) ^ (1 << random.nextInt(8))) & 0xff)); }
            case 1 -> s.insert(at, interesting());
            case 2 -> s.delete(at, Math.min(length, at + 1 + random.nextInt(8)));
            case 3 -> s.insert(at, s.substring(at, Math.min(length, at + 1 + random.nextInt(16))));
            case 4 ->
            {
                String other = pick(REQUESTS);
                int from = random.nextInt(other.length());
                s.replace(at, Math.min(length, at + random.nextInt(16)), other.substring(from, Math.min(other.length(), from + 1 + random.nextInt(32))));
            }
            case 5, 6 -> insertLine(s, headerLine());
            case 7 -> replaceLine(s, pick(CHUNK_LINES), true);
            case 8 -> replaceLine(s, pick(TRAILER_LINES), false);
            case 9 -> lineEnd(s);
            case 10 -> requestLine(s);
            default -> { if (length > 0) s.setCharAt(at, interesting()); }
        }
    }

    /** A header line of the list, or a long one (head size limits). */
    private String headerLine()
    {
        if (random.nextInt(10) == 0)
            return "X-Long: " + "v".repeat(random.nextInt(9000));
        return pick(HEADER_LINES);
    }

    /** Inserts a line after a random line end of a head. */
    private void insertLine(StringBuilder s, String line)
    {
        int eol = randomIndexOf(s, "\r\n");
        if (eol >= 0)
            s.insert(eol + 2, line + "\r\n");
    }

    /** Replaces a line: a chunk size line (one that follows a blank line or a chunk), or any line. */
    private void replaceLine(StringBuilder s, String line, boolean chunkSize)
    {
        int start = chunkSize ? randomIndexOf(s, "\r\n\r\n") : randomIndexOf(s, "\r\n");
        if (start < 0)
            return;
        start += chunkSize ? 4 : 2;
        int end = s.indexOf("\r\n", start);
        s.replace(start, end < 0 ? s.length() : end, line);
    }

    /** Bare CR, bare LF, a missing final CRLF, or an extra one. */
    private void lineEnd(StringBuilder s)
    {
        int eol = randomIndexOf(s, "\r\n");
        if (eol < 0)
            return;
        switch (random.nextInt(4))
        {
            case 0 -> s.deleteCharAt(eol + 1);
            case 1 -> s.deleteCharAt(eol);
            case 2 -> s.delete(eol, eol + 2);
            default -> s.insert(eol, "\r\n");
        }
    }

    /** Replaces the method, the target or the version of a request line. */
    private void requestLine(StringBuilder s)
    {
        int start = randomIndexOf(s, " HTTP/1.");
        if (start < 0)
            return;
        int lineStart = s.lastIndexOf("\n", start) + 1;
        int sp = s.indexOf(" ", lineStart);
        if (sp < 0 || sp >= start)
            return;
        switch (random.nextInt(3))
        {
            case 0 -> s.replace(lineStart, sp, pick(METHODS));
            case 1 -> s.replace(sp + 1, start, pick(TARGETS));
            default -> s.replace(start + 1, start + 9, pick(VERSIONS));
        }
    }

    private int randomIndexOf(StringBuilder s, String what)
    {
        int count = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1))
            count++;
        if (count == 0)
            return -1;
        int n = random.nextInt(count);
        int i = s.indexOf(what);
        while (n-- > 0)
            i = s.indexOf(what, i + 1);
        return i;
    }

    private char interesting()
    {
        return random.nextInt(4) == 0 ? (char)random.nextInt(256) : INTERESTING.charAt(random.nextInt(INTERESTING.length()));
    }

    private <T> T pick(List<T> list)
    {
        return list.get(random.nextInt(list.size()));
    }
}
