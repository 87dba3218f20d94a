package io.lyger.sample.app;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/**
 * Fills an empty database when the application starts (CDI's {@code @Initialized(ApplicationScoped.class)} event):
 * 10,000 {@link World} rows with random numbers and TechEmpower's 12 {@link Fortune}s. A database that already has
 * rows (a TechEmpower PostgreSQL image, a second start) is left alone. Instances started together on one
 * PostgreSQL database (examples/cluster) seed it once: the check and the seeding hold a transaction-scoped advisory
 * lock, so the others wait and then find the rows.
 */
@ApplicationScoped
public class DatabaseSeeder
{
    private static final Logger LOG = Logger.getLogger(DatabaseSeeder.class.getName());

    /** TechEmpower's fortunes, ids 1 to 12. */
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

    /** The advisory lock's key: any number, the same for every instance of the sample. */
    static final long SEED_LOCK = 0x4c79676572L;

    void seed(@Observes @Initialized(ApplicationScoped.class) Object application, EntityManagerFactory factory, DatabaseSettings settings)
    {
        EntityManager entityManager = factory.createEntityManager();
        try
        {
            entityManager.getTransaction().begin();
            if (settings.url().startsWith("jdbc:postgresql:"))
                entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(" + SEED_LOCK + ")").getSingleResult();
            long worlds = entityManager.createNamedQuery(World.COUNT, Long.class).getSingleResult();
            if (worlds > 0)
            {
                entityManager.getTransaction().commit();
                return;
            }
            long start = System.nanoTime();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int id = 1; id <= World.ROWS; id++)
            {
                entityManager.persist(new World(id, random.nextInt(1, World.ROWS + 1)));
                if (id % 1000 == 0)
                {
                    entityManager.flush();
                    entityManager.clear();
                }
            }
            for (int i = 0; i < FORTUNES.size(); i++)
                entityManager.persist(new Fortune(i + 1, FORTUNES.get(i)));
            entityManager.getTransaction().commit();
            LOG.info(() -> "Seeded " + World.ROWS + " worlds and " + FORTUNES.size() + " fortunes in "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
        finally
        {
            if (entityManager.getTransaction().isActive())
                entityManager.getTransaction().rollback();
            entityManager.close();
        }
    }
}
