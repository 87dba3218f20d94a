package io.lyger.tck.conformance;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The request column of vectors.tsv turned into what the client does. Notation (everything else is sent as
 * ISO-8859-1, one char one byte):
 * <ul>
 * <li>{@code \r}, {@code \n}, {@code \t}, {@code \\}, {@code \xHH}: those bytes;</li>
 * <li>{@code {ctx}}: the deployment's context path ({@code /conformance});</li>
 * <li>{@code {N*text}}: {@code text} (with escapes, no braces) N times, for limits;</li>
 * <li>{@code {pause}}: flush and wait a moment, so the server sees the bytes so far on their own;</li>
 * <li>{@code {await}}: read one response (e.g. the {@code 100 Continue}) before sending the rest;</li>
 * <li>{@code {slow}}: the rest is sent a few bytes at a time, with pauses (a slow client);</li>
 * <li>{@code {shut}}: half-close (shutdown of the client's output); {@code {reset}}: abort with a TCP reset.</li>
 * </ul>
 */
record Script(List<Step> steps)
{
    sealed interface Step
    {
    }

    /** Bytes to write; {@code slow}: a few at a time. */
    record Send(byte[] bytes, boolean slow) implements Step
    {
    }

    enum Action implements Step
    {
        PAUSE, AWAIT, SHUT, RESET
    }

    static Script parse(String notation, String contextPath)
    {
        List<Step> steps = new ArrayList<>();
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        boolean slow = false;
        int i = 0;
        while (i < notation.length())
        {
            char c = notation.charAt(i);
            if (c == '{')
            {
                int close = notation.indexOf('}', i);
                if (close < 0)
                    throw new IllegalArgumentException("unclosed { in " + notation);
                String word = notation.substring(i + 1, close);
                i = close + 1;
                int star = word.indexOf('*');
                if (word.equals("ctx"))
                    pending.writeBytes(latin1(contextPath));
                else if (star > 0 && word.substring(0, star).chars().allMatch(Character::isDigit))
                {
                    byte[] text = unescape(word.substring(star + 1));
                    for (int n = Integer.parseInt(word.substring(0, star)); n > 0; n--)
                        pending.writeBytes(text);
                }
                else
                {
                    flush(steps, pending, slow);
                    switch (word)
                    {
                        case "slow" -> slow = true;
                        case "pause" -> steps.add(Action.PAUSE);
                        case "await" -> steps.add(Action.AWAIT);
                        case "shut" -> steps.add(Action.SHUT);
                        case "reset" -> steps.add(Action.RESET);
                        default -> throw new IllegalArgumentException("unknown {" + word + "} in " + notation);
                    }
                }
                continue;
            }
            int next = notation.indexOf('{', i);
            String text = notation.substring(i, next < 0 ? notation.length() : next);
            pending.writeBytes(unescape(text));
            i += text.length();
        }
        flush(steps, pending, slow);
        return new Script(List.copyOf(steps));
    }

    private static void flush(List<Step> steps, ByteArrayOutputStream pending, boolean slow)
    {
        if (pending.size() > 0)
            steps.add(new Send(pending.toByteArray(), slow));
        pending.reset();
    }

    static byte[] unescape(String text)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++)
        {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length())
            {
                bytes.write(c);
                continue;
            }
            char e = text.charAt(++i);
            switch (e)
            {
                case 'r' -> bytes.write('\r');
                case 'n' -> bytes.write('\n');
                case 't' -> bytes.write('\t');
                case '\\' -> bytes.write('\\');
                case 'x' ->
                {
                    bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e + " in " + text);
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] latin1(String text)
    {
        return text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
