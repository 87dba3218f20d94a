package io.lyger.sample.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;

/**
 * The persistence unit as CDI beans: one {@link EntityManagerFactory} for the application and one
 * {@link EntityManager} per request, closed when the request ends (a servlet container has no container-managed
 * persistence context, so this is the usual pattern).
 */
@ApplicationScoped
public class JpaResources
{
    /** The persistence unit in {@code META-INF/persistence.xml}. */
    public static final String UNIT = "lyger-sample";

    @Produces
    @ApplicationScoped
    EntityManagerFactory entityManagerFactory(DatabaseSettings settings)
    {
        return Persistence.createEntityManagerFactory(UNIT, settings.overrides());
    }

    void close(@Disposes EntityManagerFactory factory, DatabaseSettings settings)
    {
        if (settings.inMemory() && factory.isOpen())
        {
            // DB_CLOSE_DELAY=-1 keeps the in-memory database for the life of the deployment: drop it with it.
            EntityManager entityManager = factory.createEntityManager();
            try
            {
                entityManager.getTransaction().begin();
                entityManager.createNativeQuery("SHUTDOWN").executeUpdate();
                entityManager.getTransaction().commit();
            }
            catch (RuntimeException ignored)
            {
                // the database is gone either way
            }
            finally
            {
                entityManager.close();
            }
        }
        factory.close();
    }

    @Produces
    @RequestScoped
    EntityManager entityManager(EntityManagerFactory factory)
    {
        return factory.createEntityManager();
    }

    void close(@Disposes EntityManager entityManager)
    {
        if (entityManager.isOpen())
        {
            if (entityManager.getTransaction().isActive())
                entityManager.getTransaction().rollback();
            entityManager.close();
        }
    }
}
