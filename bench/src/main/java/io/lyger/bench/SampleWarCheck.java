package io.lyger.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Before anything is measured, every target must answer every path the run's scenarios use (the static files aside)
 * as Lyger does, wherever it serves it ({@link ServerProcess#baseUrl(String)}: on a peer, the WAR deployed at
 * /lyger-sample, or with {@code --peer-app=servlets} its root's servlets): 200 and lyger-native's body; the CDI and JPA
 * endpoints (/db, /fortunes) once every run of digits is set aside (/db's row is random; /fortunes is the same table
 * everywhere, ids included), the others byte for byte ({@code POST /sha256} of the same {@link #UPLOAD_BYTES}
 * bytes). A peer that deployed the WAR wrong (no CDI, a failed context answering 404, an error page, its root's
 * servlets answering instead of the WAR's) stops the run here instead of being measured.
 */
final class SampleWarCheck
{
    /** The body {@code POST /sha256} is checked with: its digest and length come back. */
    static final int UPLOAD_BYTES = 64 * 1024;

    /** One request of the check: a scenario's path, POSTed for the upload scenario. */
    record Probe(String path, boolean post)
    {
        String method()
        {
            return post ? "POST" : "GET";
        }
    }

    private SampleWarCheck()
    {
    }

    /** @return the requests the check makes for {@code scenarios}: each path once, in order, the static files aside */
    static List<Probe> probes(List<Scenario> scenarios)
    {
        return scenarios.stream().filter(s -> !s.path().startsWith("/" + StaticFiles.CONTEXT + "/"))
            .map(s -> new Probe(s.path(), s.load() == Scenario.Load.UPLOAD)).distinct().toList();
    }

    /** @return {@code body} with every run of digits replaced by N, its surrounding white space dropped */
    static String shape(String body)
    {
        return body.strip().replaceAll("[0-9]+", "N");
    }

    /** @return what two answers to {@code path} must have in common: the CDI endpoints' shape, the others' body */
    static String comparable(String path, String body)
    {
        return Side.needsSampleWar(path) ? shape(body) : body;
    }

    /**
     * @return per target, what it answered (for the report); IOException naming the first target whose answer differs
     * from {@code reference}'s, or any non-200
     */
    static Map<Side, String> check(List<Probe> probes, Map<Side, ServerProcess> servers, Side reference)
        throws IOException, InterruptedException
    {
        Map<Side, String> answers = new EnumMap<>(Side.class);
        for (Probe probe : probes)
        {
            String path = probe.path();
            HttpResponse<String> expected = ask(servers.get(reference), probe);
            if (expected.statusCode() != 200)
                throw new IOException(reference.option() + ": " + probe.method() + " " + path + " answered "
                    + expected.statusCode() + ": " + abbreviate(expected.body()));
            for (Map.Entry<Side, ServerProcess> target : servers.entrySet())
            {
                Side side = target.getKey();
                String url = target.getValue().baseUrl(path) + path;
                HttpResponse<String> answer = side == reference ? expected : ask(target.getValue(), probe);
                boolean digitsAside = Side.needsSampleWar(path);
                if (answer.statusCode() != 200 || !comparable(path, answer.body()).equals(comparable(path, expected.body())))
                    throw new IOException(side.option() + ": " + probe.method() + " " + url + " answered " + answer.statusCode()
                        + " " + abbreviate(answer.body()) + ", where " + reference.option() + " answered 200 "
                        + abbreviate(expected.body()) + (digitsAside ? " (compared with every run of digits set aside)" : ""));
                String what = side == reference ? "200 " + abbreviate(digitsAside ? shape(answer.body()) : answer.body())
                    : "200, the body as " + reference.option() + "'s" + (digitsAside ? " (digits aside)" : "");
                answers.merge(side, probe.method() + " " + url.replaceFirst("^[a-z]+://[^/]+", "") + " → " + what,
                    (a, b) -> a + "; " + b);
            }
        }
        return answers;
    }

    private static HttpResponse<String> ask(ServerProcess server, Probe probe) throws IOException, InterruptedException
    {
        if (!probe.post())
            return server.get(probe.path());
        byte[] body = new byte[UPLOAD_BYTES];
        new Random(UPLOAD_BYTES).nextBytes(body);
        return server.post(probe.path(), body);
    }

    /** @return the body on one line, cut at 120 characters; a binary one (/bytes) as its length */
    private static String abbreviate(String body)
    {
        if (!body.chars().allMatch(c -> c >= 0x20 && c < 0x7f || Character.isWhitespace(c)))
            return body.length() + " characters, not all printable";
        String line = body.strip().replaceAll("\\s+", " ");
        return "\"" + (line.length() > 120 ? line.substring(0, 120) + "…" : line) + "\"";
    }
}
