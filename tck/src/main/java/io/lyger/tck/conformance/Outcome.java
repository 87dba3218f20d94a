package io.lyger.tck.conformance;

import java.util.regex.Pattern;

/**
 * The outcome of a vector as written in vectors.tsv and recorded by the test: the responses in the order received,
 * then what became of the connection. Words, separated by spaces:
 * <ul>
 * <li>{@code 200}, {@code 400}, {@code 100}: a response's status (interim ones included);</li>
 * <li>{@code 200(5)}: the echo servlet answered after reading 5 body bytes (it says so when it read any);</li>
 * <li>last, {@code close}: the server closed the connection (or reset it); {@code open}: it served a probe request
 * sent after the responses on the same connection, so the connection was kept and its framing is intact;
 * {@code timeout}: nothing more came within the test's generous wait; {@code alive}: after the client reset the
 * connection, a new connection was served.</li>
 * </ul>
 * An expected outcome may give alternatives separated by {@code |} where Jetty itself answers either way from run to
 * run ({@code 400 close|close}: the end of the stream inside a request head, as it arrives with the data or after).
 */
public final class Outcome
{
    private static final Pattern STATUS = Pattern.compile("[1-5]\\d\\d(\\(\\d+\\))?");
    private static final Pattern END = Pattern.compile("close|open|timeout|alive");

    private Outcome()
    {
    }

    /** Fails with {@code where} when an alternative of {@code outcome} is not statuses followed by one end word. */
    static void check(String outcome, String where)
    {
        for (String alternative : outcome.split("\\|"))
        {
            String[] words = alternative.strip().split(" ");
            for (int i = 0; i < words.length; i++)
            {
                boolean last = i == words.length - 1;
                if (last ? !END.matcher(words[i]).matches() : !STATUS.matcher(words[i]).matches())
                    throw new IllegalArgumentException(where + ": outcome '" + outcome + "' is not statuses (200, 200(5)) then close, open, timeout or alive");
            }
        }
    }

    /** @return whether {@code observed} is {@code expected} or one of its alternatives */
    public static boolean matches(String expected, String observed)
    {
        for (String alternative : expected.split("\\|"))
        {
            if (alternative.strip().equals(observed))
                return true;
        }
        return false;
    }

    /** @return how many responses {@code outcome} lists before its end word (the most of its alternatives) */
    public static int responses(String outcome)
    {
        int most = 0;
        for (String alternative : outcome.split("\\|"))
            most = Math.max(most, alternative.strip().split(" ").length - 1);
        return most;
    }
}
