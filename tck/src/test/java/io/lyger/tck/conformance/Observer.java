package io.lyger.tck.conformance;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.lyger.tck.support.RawHttp;

/**
 * Plays one vector's {@link Script} over a raw socket and writes down what happened, in {@link Outcome}'s words.
 * Waits are RawHttp's generous read timeout; nothing is timed. Once the vector's expected number of responses has
 * come (or the connection ended), a probe request on the same connection tells a kept connection ({@code open})
 * from a closed one; responses that arrive before the probe's answer are extra responses and are written down.
 */
final class Observer
{
    /** The most responses written down after the expected ones before giving up on the probe. */
    private static final int EXTRA_RESPONSES = 4;

    private final URL base;
    private final String contextPath;

    Observer(URL base)
    {
        this.base = base;
        String path = base.getPath();
        this.contextPath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    String observe(Vector vector)
    {
        Script script = Script.parse(vector.request(), contextPath);
        List<String> words = new ArrayList<>();
        int expected = Outcome.responses(vector.expected());
        try (RawHttp connection = RawHttp.open(base))
        {
            boolean shut = false;
            for (Script.Step step : script.steps())
            {
                if (step instanceof Script.Send send)
                    send(connection, send);
                else if (step == Script.Action.PAUSE)
                    sleep(200);
                else if (step == Script.Action.SHUT)
                {
                    connection.shutdownOutput();
                    shut = true;
                }
                else if (step == Script.Action.RESET)
                {
                    connection.reset();
                    return outcome(words, probeOnANewConnection());
                }
                else
                {
                    String end = read(connection, words); // AWAIT
                    if (end != null)
                        return outcome(words, end);
                }
            }
            if (shut)
                return outcome(words, readToTheEnd(connection, words));
            while (statuses(words) < expected)
            {
                String end = read(connection, words);
                if (end != null)
                    return outcome(words, end);
            }
            return outcome(words, probe(connection, words));
        }
        catch (UncheckedIOException x)
        {
            return outcome(words, "close"); // a write refused: the server closed or reset the connection
        }
    }

    private static void send(RawHttp connection, Script.Send send)
    {
        if (!send.slow())
        {
            connection.send(new String(send.bytes(), StandardCharsets.ISO_8859_1));
            return;
        }
        for (int from = 0; from < send.bytes().length; from += 3)
        {
            connection.send(Arrays.copyOfRange(send.bytes(), from, Math.min(from + 3, send.bytes().length)));
            sleep(5);
        }
    }

    private static void sleep(long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (InterruptedException x)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", x);
        }
    }

    /** Reads one response into {@code words}; @return null, or the end word when the connection ended instead. */
    private static String read(RawHttp connection, List<String> words)
    {
        try
        {
            words.add(word(connection.read()));
            return null;
        }
        catch (UncheckedIOException x)
        {
            return end(x);
        }
    }

    /** After a half-close: every response until the server closes (or the wait runs out). */
    private static String readToTheEnd(RawHttp connection, List<String> words)
    {
        while (true)
        {
            String end = read(connection, words);
            if (end != null)
                return end;
        }
    }

    private String probe(RawHttp connection, List<String> words)
    {
        connection.send(probeRequest());
        for (int extra = 0; extra <= EXTRA_RESPONSES; extra++)
        {
            try
            {
                RawHttp.Response response = connection.read();
                if (response.header("X-Probe") != null)
                    return "open";
                words.add(word(response));
            }
            catch (UncheckedIOException x)
            {
                return end(x);
            }
        }
        return "open";
    }

    private String probeOnANewConnection()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            return connection.send(probeRequest()).read().header("X-Probe") != null ? "alive" : "close";
        }
        catch (UncheckedIOException x)
        {
            return "close";
        }
    }

    private String probeRequest()
    {
        return "GET " + contextPath + "/probe HTTP/1.1\r\nHost: probe\r\n\r\n";
    }

    /** @return {@code 200}, or {@code 200(5)} when the echo servlet says it read 5 body bytes */
    private static String word(RawHttp.Response response)
    {
        String read = response.header("X-Read");
        return response.status() + (read == null ? "" : "(" + read + ")");
    }

    private static String end(UncheckedIOException x)
    {
        return x.getCause() instanceof SocketTimeoutException ? "timeout" : "close";
    }

    private static int statuses(List<String> words)
    {
        return words.size();
    }

    private static String outcome(List<String> words, String end)
    {
        List<String> all = new ArrayList<>(words);
        all.add(end);
        return String.join(" ", all);
    }
}
