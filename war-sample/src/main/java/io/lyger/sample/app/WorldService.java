package io.lyger.sample.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Reads and updates random {@link World}s with the request's {@link EntityManager}. */
@ApplicationScoped
@Timed
public class WorldService
{
    @Inject
    EntityManager entityManager;

    @Inject
    Event<WorldsUpdated> updated;

    public World randomWorld()
    {
        return entityManager.find(World.class, randomId());
    }

    /** @return {@code count} random worlds, one query each (as TechEmpower's multiple-queries test asks) */
    public List<World> randomWorlds(int count)
    {
        List<World> worlds = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
            worlds.add(entityManager.find(World.class, randomId()));
        return worlds;
    }

    /** Gives {@code count} random worlds a new random number, in one transaction, then fires {@link WorldsUpdated}. */
    public List<World> update(int count)
    {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        entityManager.getTransaction().begin();
        List<World> worlds = new ArrayList<>(count);
        try
        {
            for (int i = 0; i < count; i++)
            {
                World world = entityManager.find(World.class, randomId());
                int number;
                do
                    number = random.nextInt(1, World.ROWS + 1);
                while (number == world.getRandomNumber());
                world.setRandomNumber(number);
                worlds.add(world);
            }
            entityManager.getTransaction().commit();
        }
        finally
        {
            if (entityManager.getTransaction().isActive())
                entityManager.getTransaction().rollback();
        }
        updated.fire(new WorldsUpdated(count));
        return worlds;
    }

    private static int randomId()
    {
        return ThreadLocalRandom.current().nextInt(1, World.ROWS + 1);
    }
}
