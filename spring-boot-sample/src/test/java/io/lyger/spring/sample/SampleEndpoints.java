package io.lyger.spring.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks every endpoint of the sample over real HTTP (java.net.http), with the WAR sample's answers. */
final class SampleEndpoints
{
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private static final Pattern WORLD = Pattern.compile("\\{\"id\":(\\d+),\"randomNumber\":(\\d+)}");
    private static final Pattern ROW = Pattern.compile("<tr><td>(\\d+)</td><td>([^<]*)</td></tr>");

    private SampleEndpoints()
    {
    }

    static HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException
    {
        return CLIENT.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertAll(URI base) throws Exception
    {
        HttpResponse<String> plaintext = get(base, "/plaintext");
        assertEquals(200, plaintext.statusCode());
        assertEquals("Hello, World!", plaintext.body());
        assertEquals("text/plain;charset=utf-8", contentType(plaintext));

        HttpResponse<String> json = get(base, "/json");
        assertEquals(200, json.statusCode());
        assertEquals("{\"message\":\"Hello, World!\"}", json.body());
        assertEquals("application/json", contentType(json));

        HttpResponse<String> db = get(base, "/db");
        assertEquals(200, db.statusCode());
        assertEquals(1, worlds(db.body()), db.body());
        assertEquals("application/json", contentType(db));

        assertEquals(20, worlds(get(base, "/queries?n=20").body()));
        assertEquals(500, worlds(get(base, "/queries?n=501").body()), "n clamped to 500");
        assertEquals(1, worlds(get(base, "/queries?n=0").body()), "n clamped to 1");
        HttpResponse<String> notANumber = get(base, "/queries?n=many");
        assertEquals(200, notANumber.statusCode(), "never a 400, as TechEmpower's rules ask");
        assertEquals(1, worlds(notANumber.body()));

        HttpResponse<String> fortunes = get(base, "/fortunes");
        assertEquals(200, fortunes.statusCode());
        assertTrue(contentType(fortunes).startsWith("text/html"), contentType(fortunes));
        String html = fortunes.body();
        assertTrue(html.startsWith("<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>"), html);
        assertTrue(html.endsWith("</table></body></html>\n") || html.endsWith("</table></body></html>"), html);
        List<String[]> rows = ROW.matcher(html).results().map(m -> new String[]{m.group(1), m.group(2)}).toList();
        assertEquals(13, rows.size(), "12 rows and the one added at request time: " + html);
        assertEquals("11", rows.get(0)[0], "sorted by message: the <script> one first");
        assertEquals("&lt;script&gt;alert(&quot;This should not be displayed in a browser alert box.&quot;);&lt;/script&gt;", rows.get(0)[1]);
        assertTrue(rows.stream().anyMatch(r -> r[0].equals("0") && r[1].equals("Additional fortune added at request time.")));
        assertTrue(html.contains("<td>\u30d5\u30ec\u30fc\u30e0\u30ef\u30fc\u30af\u306e\u30d9\u30f3\u30c1\u30de\u30fc\u30af</td>"), "UTF-8 kept: " + html);

        HttpResponse<String> world = get(base, "/worlds/42");
        assertEquals(200, world.statusCode());
        assertTrue(world.body().startsWith("{\"id\":42,"), world.body());
        assertEquals(400, get(base, "/worlds/0").statusCode(), "Bean Validation: @Min(1)");
        assertEquals(400, get(base, "/worlds/10001").statusCode(), "Bean Validation: @Max(10000)");

        HttpResponse<String> health = get(base, "/actuator/health");
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
        HttpResponse<String> readiness = get(base, "/actuator/health/readiness");
        assertEquals(200, readiness.statusCode(), readiness.body());
    }

    /** @return the worlds in a /db or /queries answer, each checked to be in 1..10,000 */
    static int worlds(String body)
    {
        Matcher matcher = WORLD.matcher(body);
        int count = 0;
        while (matcher.find())
        {
            int id = Integer.parseInt(matcher.group(1));
            int number = Integer.parseInt(matcher.group(2));
            assertTrue(id >= 1 && id <= World.ROWS && number >= 1 && number <= World.ROWS, body);
            count++;
        }
        return count;
    }

    private static String contentType(HttpResponse<?> response)
    {
        return response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT).replace(" ", "");
    }
}
