package io.lyger.warm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample's CDI + JPA endpoints over the native connector, on its embedded H2 database. */
class SampleAppIT
{
    private static final Pattern WORLD = Pattern.compile("\\{\"id\":(\\d+),\"randomNumber\":(\\d+)}");
    private static final Pattern ROW = Pattern.compile("<tr><td>(\\d+)</td><td>(.*?)</td></tr>");
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception
    {
        server = TestServer.start(TestServer.sampleWar(), WarmOptions.defaults().withJitBudget(Duration.ofSeconds(1)), 0);
    }

    @AfterAll
    static void stop() throws Exception
    {
        if (server != null)
            server.close();
    }

    @Test
    void dbAnswersOneWorldInRange() throws Exception
    {
        HttpResponse<String> response = server.get("/db");
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        List<int[]> worlds = worlds(response.body());
        assertEquals(1, worlds.size(), response.body());
        assertTrue(response.body().startsWith("{"), "a single object, not an array: " + response.body());
        assertInRange(worlds.get(0));
    }

    @Test
    void queriesClampsTheCount() throws Exception
    {
        assertEquals(7, worlds(server.get("/queries?n=7").body()).size());
        assertEquals(1, worlds(server.get("/queries?n=0").body()).size());
        assertEquals(1, worlds(server.get("/queries?n=abc").body()).size());
        assertEquals(1, worlds(server.get("/queries").body()).size());
        List<int[]> many = worlds(server.get("/queries?queries=1000").body());
        assertEquals(500, many.size());
        many.forEach(SampleAppIT::assertInRange);
    }

    @Test
    void updatesWriteAndFireTheEvent() throws Exception
    {
        String before = server.get("/stats").body();
        HttpResponse<String> response = server.get("/updates?n=5");
        assertEquals(200, response.statusCode());
        List<int[]> updated = worlds(response.body());
        assertEquals(5, updated.size());
        updated.forEach(SampleAppIT::assertInRange);
        String after = server.get("/stats").body();
        // UpdateStats observes the WorldsUpdated event the service fires after each commit
        assertEquals(number(before, "updateBatches") + 1, number(after, "updateBatches"), after);
        assertEquals(number(before, "updatedRows") + 5, number(after, "updatedRows"), after);
        // the @Timed interceptor counted the call
        assertTrue(number(after, "WorldService.update") >= 1, after);

        // the new number is in the database: /queries reads random rows, so read until the first updated row shows
        int[] world = updated.get(0);
        boolean seen = false;
        for (int i = 0; i < 200 && !seen; i++)
        {
            for (int[] read : worlds(server.get("/queries?n=500").body()))
            {
                if (read[0] == world[0])
                {
                    assertEquals(world[1], read[1], "world " + world[0] + " after the update");
                    seen = true;
                    break;
                }
            }
        }
        assertTrue(seen, "world " + world[0] + " never came back from /queries");
    }

    @Test
    void fortunesAreEscapedAndSorted() throws Exception
    {
        HttpResponse<String> response = server.get("/fortunes");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String html = response.body();
        assertTrue(html.startsWith("<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>"), html);
        List<String> messages = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        Matcher row = ROW.matcher(html);
        while (row.find())
        {
            ids.add(Integer.parseInt(row.group(1)));
            messages.add(unescape(row.group(2)));
        }
        assertEquals(13, messages.size(), html);
        List<String> sorted = new ArrayList<>(messages);
        sorted.sort(null);
        assertEquals(sorted, messages, "sorted by message");
        assertTrue(messages.contains("Additional fortune added at request time."));
        assertEquals(0, ids.get(messages.indexOf("Additional fortune added at request time.")));
        assertTrue(messages.contains("\u30d5\u30ec\u30fc\u30e0\u30ef\u30fc\u30af\u306e\u30d9\u30f3\u30c1\u30de\u30fc\u30af"), "UTF-8 survives");
        assertTrue(html.contains("<td>&lt;script&gt;alert(&quot;This should not be displayed in a browser alert box.&quot;);&lt;/script&gt;</td>"), html);
        assertTrue(!html.contains("<script>"), "no raw script tag");
    }

    @Test
    void plainServletsStillAnswer() throws Exception
    {
        assertEquals("Hello, World!", server.get("/plaintext").body());
        assertEquals("{\"message\":\"Hello, World!\"}", server.get("/json").body());
    }

    static List<int[]> worlds(String json)
    {
        List<int[]> worlds = new ArrayList<>();
        Matcher matcher = WORLD.matcher(json);
        while (matcher.find())
            worlds.add(new int[]{Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))});
        return worlds;
    }

    static long number(String json, String field)
    {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\":(\\d+)").matcher(json);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private static void assertInRange(int[] world)
    {
        assertTrue(world[0] >= 1 && world[0] <= 10_000, "id " + world[0]);
        assertTrue(world[1] >= 1 && world[1] <= 10_000, "randomNumber " + world[1]);
    }

    private static String unescape(String html)
    {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }
}
