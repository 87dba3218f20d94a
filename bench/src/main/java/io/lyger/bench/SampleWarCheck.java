package io.lyger.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Before anything is measured on the sample WAR's CDI and JPA endpoints (/db, /fortunes), every target must answer
 * them as Lyger does: 200 and the same body as lyger-native's once every run of digits is set aside (/db's row is
 * random; /fortunes is the same table everywhere, ids included). A peer that deployed the WAR wrong (no CDI, a failed
 * context answering 404, an error page) stops the run here instead of being measured.
 */
final class SampleWarCheck
{
    private SampleWarCheck()
    {
    }

    /** @return the paths the check covers among {@code scenarios}' (each once, in order) */
    static List<String> paths(List<Scenario> scenarios)
    {
        return scenarios.stream().map(Scenario::path).filter(Side::needsSampleWar).distinct().toList();
    }

    /** @return {@code body} with every run of digits replaced by N, its surrounding white space dropped */
    static String shape(String body)
    {
        return body.strip().replaceAll("[0-9]+", "N");
    }

    /**
     * @return per target, what it answered (for the report); IOException naming the first target whose answer differs
     * from {@code reference}'s, or any non-200
     */
    static Map<Side, String> check(List<String> paths, Map<Side, ServerProcess> servers, Side reference)
        throws IOException, InterruptedException
    {
        Map<Side, String> answers = new EnumMap<>(Side.class);
        for (String path : paths)
        {
            HttpResponse<String> expected = servers.get(reference).get(path);
            if (expected.statusCode() != 200)
                throw new IOException(reference.option() + ": GET " + path + " answered " + expected.statusCode() + ": "
                    + abbreviate(expected.body()));
            for (Map.Entry<Side, ServerProcess> target : servers.entrySet())
            {
                Side side = target.getKey();
                String url = target.getValue().baseUrl(path) + path;
                HttpResponse<String> answer = side == reference ? expected : target.getValue().get(path);
                if (answer.statusCode() != 200 || !shape(answer.body()).equals(shape(expected.body())))
                    throw new IOException(side.option() + ": GET " + url + " answered " + answer.statusCode() + " "
                        + abbreviate(answer.body()) + ", where " + reference.option() + " answered 200 "
                        + abbreviate(expected.body()) + " (compared with every run of digits set aside)");
                String what = side == reference ? "200 " + abbreviate(shape(answer.body()))
                    : "200, the body as " + reference.option() + "'s (digits aside)";
                answers.merge(side, "GET " + url.replaceFirst("^[a-z]+://[^/]+", "") + " → " + what, (a, b) -> a + "; " + b);
            }
        }
        return answers;
    }

    private static String abbreviate(String body)
    {
        String line = body.strip().replaceAll("\\s+", " ");
        return "\"" + (line.length() > 120 ? line.substring(0, 120) + "…" : line) + "\"";
    }
}
