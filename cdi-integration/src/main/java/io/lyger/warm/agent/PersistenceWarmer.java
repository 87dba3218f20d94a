package io.lyger.warm.agent;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.metamodel.EntityType;

/**
 * Deploys, before the first request, each persistence unit the application exposes as a CDI bean of type
 * {@link EntityManagerFactory} (the usual pattern in a servlet container: a producer method over
 * {@code Persistence.createEntityManagerFactory}). For each one it opens an {@link EntityManager} (the provider
 * deploys the unit: EclipseLink logs in and fills its connection pool to the initial size), takes a JDBC connection
 * inside a transaction to prove the database answers, and creates every named query of the unit's entities (the
 * provider parses them).
 * <p>
 * A unit whose database cannot be reached gives one line naming the unit and its JDBC URL, returned by
 * {@link #warm()} so that the extension fails the deployment with it: an application whose database is down at boot
 * would fail its first requests, and readiness must not say otherwise.
 */
final class PersistenceWarmer
{
    private final BeanManager beanManager;
    private final WarmupReport report;

    PersistenceWarmer(BeanManager beanManager, WarmupReport report)
    {
        this.beanManager = beanManager;
        this.report = report;
    }

    /** @return true when the web application can load the Jakarta Persistence API */
    static boolean jpaPresent()
    {
        try
        {
            Class.forName("jakarta.persistence.EntityManagerFactory", false, PersistenceWarmer.class.getClassLoader());
            return true;
        }
        catch (ClassNotFoundException | LinkageError x)
        {
            return false;
        }
    }

    /** @return null when every unit is deployed, else the line that says which one cannot reach its database */
    String warm()
    {
        List<Bean<?>> beans = new ArrayList<>(beanManager.getBeans(EntityManagerFactory.class, Any.Literal.INSTANCE));
        beans.sort(Comparator.comparing(BeanWarmer::describe));
        for (Bean<?> bean : beans)
        {
            EntityManagerFactory factory;
            try
            {
                if (!beanManager.isNormalScope(bean.getScope()) && bean.getScope() != jakarta.inject.Singleton.class)
                    continue; // a @Dependent factory would be created and thrown away: the application makes its own
                if (!beanManager.getContext(bean.getScope()).isActive())
                    continue;
                factory = (EntityManagerFactory)beanManager.getReference(bean, EntityManagerFactory.class, beanManager.createCreationalContext(bean));
            }
            catch (ContextNotActiveException x)
            {
                continue;
            }
            catch (RuntimeException x)
            {
                // BeanWarmer has reported the bean already
                continue;
            }
            String unavailable = deploy(factory);
            if (unavailable != null)
                return unavailable;
        }
        return null;
    }

    private String deploy(EntityManagerFactory factory)
    {
        long start = System.nanoTime();
        String unit = unitName(factory);
        String url = "?";
        EntityManager entityManager;
        try
        {
            url = jdbcUrl(factory);
            entityManager = factory.createEntityManager();
        }
        catch (RuntimeException x)
        {
            return unavailable(unit, url, x);
        }
        try
        {
            try
            {
                entityManager.getTransaction().begin();
                Connection connection = entityManager.unwrap(Connection.class);
                if (connection != null && !connection.isValid(10))
                    return "persistence unit '" + unit + "': the database at " + url + " does not answer";
            }
            catch (RuntimeException | java.sql.SQLException x)
            {
                return unavailable(unit, url, x);
            }
            finally
            {
                if (entityManager.getTransaction().isActive())
                    entityManager.getTransaction().rollback();
            }
            int prepared = 0;
            for (EntityType<?> entity : factory.getMetamodel().getEntities())
            {
                for (NamedQuery query : namedQueries(entity.getJavaType()))
                {
                    try
                    {
                        entityManager.createNamedQuery(query.name());
                        prepared++;
                    }
                    catch (RuntimeException x)
                    {
                        report.failures.add("named query " + query.name() + " of unit " + unit + ": " + WarmupReport.oneLine(x));
                    }
                }
            }
            report.units.add("persistence unit '" + unit + "' deployed on " + url + ", " + factory.getMetamodel().getEntities().size()
                + " entities, " + prepared + " named queries prepared, in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            return null;
        }
        finally
        {
            entityManager.close();
        }
    }

    private static List<NamedQuery> namedQueries(Class<?> entity)
    {
        List<NamedQuery> queries = new ArrayList<>();
        NamedQuery single = entity.getAnnotation(NamedQuery.class);
        if (single != null)
            queries.add(single);
        NamedQueries several = entity.getAnnotation(NamedQueries.class);
        if (several != null)
            queries.addAll(List.of(several.value()));
        return queries;
    }

    private static String unavailable(String unit, String url, Exception failure)
    {
        return "persistence unit '" + unit + "' cannot reach its database at " + url + ": " + WarmupReport.oneLine(failure);
    }

    private static String unitName(EntityManagerFactory factory)
    {
        try
        {
            return factory.getName(); // Jakarta Persistence 3.2
        }
        catch (RuntimeException | LinkageError x)
        {
            Object name = safeProperties(factory).get("eclipselink.persistenceunit.name");
            return name == null ? "?" : name.toString();
        }
    }

    private static String jdbcUrl(EntityManagerFactory factory)
    {
        Map<String, Object> properties = safeProperties(factory);
        Object url = properties.get("jakarta.persistence.jdbc.url");
        if (url == null)
            url = properties.get("javax.persistence.jdbc.url");
        return url == null ? "(no jakarta.persistence.jdbc.url)" : url.toString();
    }

    private static Map<String, Object> safeProperties(EntityManagerFactory factory)
    {
        try
        {
            return factory.getProperties();
        }
        catch (RuntimeException x)
        {
            return Map.of();
        }
    }
}
