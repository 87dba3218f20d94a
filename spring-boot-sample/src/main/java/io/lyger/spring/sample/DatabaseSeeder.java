package io.lyger.spring.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Fills an empty database as the application starts, before the web server does (so before any warm-up or client
 * request): 10,000 {@link World} rows with random numbers and TechEmpower's 12 {@link Fortune}s, the WAR sample's
 * data. Batched JDBC inserts rather than JPA: the rows' ids are assigned, so {@code saveAll} would first look each
 * one up. A database that already has rows is left alone.
 */
@Component
class DatabaseSeeder implements SmartInitializingSingleton
{
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSeeder.class);

    /** TechEmpower's fortunes, ids 1 to 12 (the WAR sample's DatabaseSeeder.FORTUNES). */
    static final List<String> FORTUNES = List.of(
        "fortune: No such file or directory",
        "A computer scientist is someone who fixes things that aren't broken.",
        "After enough decimal points, nobody gives a damn.",
        "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1",
        "A computer program does what you tell it to do, not what you want it to do.",
        "Emacs is a nice operating system, but I prefer UNIX. \u2014 Tom Christaensen",
        "Any program that runs right is obsolete.",
        "A list is only as strong as its weakest link. \u2014 Donald Knuth",
        "Feature: A bug with seniority.",
        "Computers make very fast, very accurate mistakes.",
        "<script>alert(\"This should not be displayed in a browser alert box.\");</script>",
        "\u30d5\u30ec\u30fc\u30e0\u30ef\u30fc\u30af\u306e\u30d9\u30f3\u30c1\u30de\u30fc\u30af");

    private final JdbcTemplate jdbc;
    private final WorldRepository worlds;

    DatabaseSeeder(JdbcTemplate jdbc, WorldRepository worlds)
    {
        this.jdbc = jdbc;
        this.worlds = worlds;
    }

    @Override
    public void afterSingletonsInstantiated()
    {
        if (worlds.count() > 0)
            return;
        long start = System.nanoTime();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Object[]> rows = new ArrayList<>(World.ROWS);
        for (int id = 1; id <= World.ROWS; id++)
            rows.add(new Object[]{id, random.nextInt(1, World.ROWS + 1)});
        jdbc.batchUpdate("INSERT INTO world (id, randomnumber) VALUES (?, ?)", rows);
        List<Object[]> fortunes = new ArrayList<>();
        for (int i = 0; i < FORTUNES.size(); i++)
            fortunes.add(new Object[]{i + 1, FORTUNES.get(i)});
        jdbc.batchUpdate("INSERT INTO fortune (id, message) VALUES (?, ?)", fortunes);
        LOG.info("Seeded {} worlds and {} fortunes in {} ms", World.ROWS, FORTUNES.size(), (System.nanoTime() - start) / 1_000_000);
    }
}
