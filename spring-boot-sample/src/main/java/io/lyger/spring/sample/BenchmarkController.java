package io.lyger.spring.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The WAR sample's TechEmpower-style endpoints, with the same answers: {@code /plaintext}, {@code /json},
 * {@code /db} (one random world), {@code /queries?n=} (n random worlds, one query each, n clamped to 1..500 and 1 when
 * not a number, never a 400, as the benchmark's rules ask); and {@code /worlds/{id}}, one world by id, whose id Bean
 * Validation checks (400 outside 1..10,000).
 */
@RestController
class BenchmarkController
{
    static final String HELLO = "Hello, World!";

    private final WorldRepository worlds;

    BenchmarkController(WorldRepository worlds)
    {
        this.worlds = worlds;
    }

    @GetMapping(value = "/plaintext", produces = MediaType.TEXT_PLAIN_VALUE)
    String plaintext()
    {
        return HELLO;
    }

    @GetMapping(value = "/json", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, String> json()
    {
        return Map.of("message", HELLO);
    }

    @GetMapping(value = "/db", produces = MediaType.APPLICATION_JSON_VALUE)
    World db()
    {
        return worlds.findById(randomId()).orElseThrow();
    }

    @GetMapping(value = "/queries", produces = MediaType.APPLICATION_JSON_VALUE)
    List<World> queries(@RequestParam(name = "n", required = false) String n, @RequestParam(name = "queries", required = false) String queries)
    {
        int count = queryCount(n != null ? n : queries);
        List<World> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
            result.add(worlds.findById(randomId()).orElseThrow());
        return result;
    }

    @GetMapping(value = "/worlds/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<World> world(@PathVariable("id") @Min(1) @Max(World.ROWS) int id)
    {
        return ResponseEntity.of(worlds.findById(id));
    }

    /** @return TechEmpower's query count: 1 when missing or not a number, else clamped to 1..500 (the WAR's Params) */
    static int queryCount(String value)
    {
        int count;
        try
        {
            count = value == null ? 1 : Integer.parseInt(value.trim());
        }
        catch (NumberFormatException x)
        {
            count = 1;
        }
        return Math.max(1, Math.min(500, count));
    }

    private static int randomId()
    {
        return ThreadLocalRandom.current().nextInt(1, World.ROWS + 1);
    }
}
