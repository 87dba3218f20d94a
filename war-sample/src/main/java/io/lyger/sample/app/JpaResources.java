package io.lyger.sample.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

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
        factory.close();
        if (settings.inMemory())
        {
            // DB_CLOSE_DELAY=-1 keeps the in-memory database while no connection is open: drop it with the deployment.
            try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
                 Statement statement = connection.createStatement())
            {
                statement.execute("SHUTDOWN");
            }
            catch (SQLException ignored)
            {
                // already gone
            }
        }
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
