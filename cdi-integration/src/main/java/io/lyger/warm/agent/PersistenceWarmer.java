package io.lyger.warm.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Persistence;
import jakarta.persistence.metamodel.EntityType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Deploys every persistence unit of the web application before the first request:
 * <ul>
 * <li>each one the application exposes as a CDI bean of type {@link EntityManagerFactory} (the usual pattern in a
 * servlet container: a producer method over {@code Persistence.createEntityManagerFactory}, with the properties the
 * application gives it);</li>
 * <li>then each unit of the WAR's {@code META-INF/persistence.xml} files that no such bean exposes and whose
 * {@code persistence.xml} names its database (a JDBC URL or a data source): Lyger creates its factory with
 * {@code Persistence.createEntityManagerFactory(name)} and keeps it open until the container shuts down, so that the
 * application's own {@code Persistence.createEntityManagerFactory(name)} gets the deployed unit (EclipseLink shares
 * one deployment per unit while a factory on it is open). A unit with the property {@code lyger.warmup=false} is left
 * alone (an application that passes its own JDBC properties when it creates the factory needs that: the provider
 * would otherwise hand it the deployment made with {@code persistence.xml}'s).</li>
 * </ul>
 * For each unit it opens an {@link EntityManager} (the provider deploys the unit and logs in), takes a JDBC
 * connection inside a transaction to prove the database answers, fills each of EclipseLink's connection pools to its
 * minimum, and prepares every named query of the unit's entities (EclipseLink generates its SQL; other providers
 * parse it).
 * <p>
 * A unit whose database cannot be reached gives one line naming the unit and its JDBC URL, returned by
 * {@link #warm()} so that the extension fails the deployment with it: an application whose database is down at boot
 * would fail its first requests, and readiness must not say otherwise.
 */
final class PersistenceWarmer
{
    static final String OPT_OUT = "lyger.warmup";

    private final BeanManager beanManager;
    private final WarmupReport report;
    /** Factories this warm-up created (units only persistence.xml declares), closed with the container. */
    private final List<EntityManagerFactory> owned = new ArrayList<>();

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
        Map<String, DeclaredUnit> declared;
        try
        {
            declared = declaredUnits(PersistenceWarmer.class.getClassLoader());
        }
        catch (IOException | RuntimeException x)
        {
            report.failures.add("persistence.xml: " + WarmupReport.oneLine(x));
            declared = Map.of();
        }
        Set<String> deployed = new HashSet<>();
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
            String unit = unitName(factory);
            String unavailable = deploy(factory, unit, jdbcUrl(factory, declared.get(unit)), "");
            if (unavailable != null)
                return unavailable;
            deployed.add(unit);
        }
        String unavailable = deployDeclaredUnits(declared, deployed);
        if (unavailable != null)
            close(); // the deployment fails: the container will not shut down what it never started
        return unavailable;
    }

    /** Deploys the units of persistence.xml that no CDI bean exposed. */
    private String deployDeclaredUnits(Map<String, DeclaredUnit> units, Set<String> deployed)
    {
        for (DeclaredUnit unit : units.values())
        {
            if (deployed.contains(unit.name()))
                continue;
            if ("false".equalsIgnoreCase(unit.properties().getOrDefault(OPT_OUT, "true").trim()))
            {
                report.units.add("persistence unit '" + unit.name() + "' left to the application (" + OPT_OUT + "=false)");
                continue;
            }
            if (!unit.namesDatabase())
            {
                report.units.add("persistence unit '" + unit.name() + "' not deployed ahead: its persistence.xml names no database (no JDBC URL, no data source)");
                continue;
            }
            EntityManagerFactory factory;
            try
            {
                factory = Persistence.createEntityManagerFactory(unit.name());
            }
            catch (RuntimeException x)
            {
                return unavailable(unit.name(), unit.url(), x);
            }
            owned.add(factory);
            String unavailable = deploy(factory, unit.name(), jdbcUrl(factory, unit), " (declared in persistence.xml only)");
            if (unavailable != null)
                return unavailable;
            deployed.add(unit.name());
        }
        return null;
    }

    /** Closes the factories this warm-up created: the units they deployed are undeployed with the last one. */
    void close()
    {
        for (EntityManagerFactory factory : owned)
        {
            try
            {
                if (factory.isOpen())
                    factory.close();
            }
            catch (RuntimeException x)
            {
                // closing at shutdown: nothing to do about it
            }
        }
        owned.clear();
    }

    private String deploy(EntityManagerFactory factory, String unit, String url, String how)
    {
        long start = System.nanoTime();
        EntityManager entityManager;
        try
        {
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
            String pools = EclipseLinkPools.fill(factory, report, unit);
            int created = 0;
            int prepared = 0;
            for (EntityType<?> entity : factory.getMetamodel().getEntities())
            {
                for (NamedQuery query : namedQueries(entity.getJavaType()))
                {
                    try
                    {
                        entityManager.createNamedQuery(query.name());
                        created++;
                        if (EclipseLinkPools.prepare(factory, query.name()))
                            prepared++;
                    }
                    catch (RuntimeException x)
                    {
                        report.failures.add("named query " + query.name() + " of unit " + unit + ": " + WarmupReport.oneLine(x));
                    }
                }
            }
            report.units.add("persistence unit '" + unit + "' deployed on " + url + how + ", " + factory.getMetamodel().getEntities().size()
                + " entities, " + created + " named queries parsed, " + prepared + " with their SQL generated" + pools + ", in "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
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

    /** @return the JDBC URL the factory was given, else the one its persistence.xml declares */
    private static String jdbcUrl(EntityManagerFactory factory, DeclaredUnit declared)
    {
        Map<String, Object> properties = safeProperties(factory);
        Object url = properties.get("jakarta.persistence.jdbc.url");
        if (url == null)
            url = properties.get("javax.persistence.jdbc.url");
        if (url == null && declared != null)
            url = declared.url();
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

    /** A persistence unit as {@code persistence.xml} declares it. */
    record DeclaredUnit(String name, Map<String, String> properties, boolean hasDataSource)
    {
        String url()
        {
            String url = properties.get("jakarta.persistence.jdbc.url");
            if (url == null)
                url = properties.get("javax.persistence.jdbc.url");
            return url == null ? "(a data source)" : url;
        }

        boolean namesDatabase()
        {
            return hasDataSource || properties.containsKey("jakarta.persistence.jdbc.url") || properties.containsKey("javax.persistence.jdbc.url")
                || properties.containsKey("jakarta.persistence.nonJtaDataSource") || properties.containsKey("jakarta.persistence.jtaDataSource");
        }
    }

    /** @return the units of every {@code META-INF/persistence.xml} {@code loader} sees, by name (the first one wins) */
    static Map<String, DeclaredUnit> declaredUnits(ClassLoader loader) throws IOException
    {
        Map<String, DeclaredUnit> units = new LinkedHashMap<>();
        Enumeration<URL> resources = loader.getResources("META-INF/persistence.xml");
        while (resources.hasMoreElements())
        {
            URL resource = resources.nextElement();
            Document document;
            try (InputStream in = resource.openStream())
            {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                factory.setExpandEntityReferences(false);
                document = factory.newDocumentBuilder().parse(in);
            }
            catch (ParserConfigurationException | SAXException x)
            {
                throw new IOException(resource + ": " + x.getMessage(), x);
            }
            NodeList unitElements = document.getElementsByTagNameNS("*", "persistence-unit");
            if (unitElements.getLength() == 0)
                unitElements = document.getElementsByTagName("persistence-unit");
            for (int i = 0; i < unitElements.getLength(); i++)
            {
                Element unit = (Element)unitElements.item(i);
                String name = unit.getAttribute("name");
                Map<String, String> properties = new LinkedHashMap<>();
                NodeList propertyElements = unit.getElementsByTagNameNS("*", "property");
                if (propertyElements.getLength() == 0)
                    propertyElements = unit.getElementsByTagName("property");
                for (int p = 0; p < propertyElements.getLength(); p++)
                {
                    Element property = (Element)propertyElements.item(p);
                    properties.put(property.getAttribute("name"), property.getAttribute("value"));
                }
                boolean dataSource = hasChild(unit, "jta-data-source") || hasChild(unit, "non-jta-data-source");
                units.putIfAbsent(name, new DeclaredUnit(name, properties, dataSource));
            }
        }
        return units;
    }

    private static boolean hasChild(Element unit, String localName)
    {
        NodeList children = unit.getChildNodes();
        for (int i = 0; i < children.getLength(); i++)
        {
            if (children.item(i) instanceof Element child && localName.equals(child.getLocalName() != null ? child.getLocalName() : child.getTagName())
                && !child.getTextContent().isBlank())
                return true;
        }
        return false;
    }

    /** EclipseLink's connection pools and named queries, by reflection: nothing happens with another provider. */
    static final class EclipseLinkPools
    {
        private EclipseLinkPools()
        {
        }

        /** @return the server session of an EclipseLink factory, or null */
        private static Object serverSession(EntityManagerFactory factory)
        {
            try
            {
                Class<?> server = Class.forName("org.eclipse.persistence.sessions.server.Server", false, factory.getClass().getClassLoader());
                return factory.unwrap(server);
            }
            catch (ClassNotFoundException | LinkageError | RuntimeException x)
            {
                return null;
            }
        }

        /**
         * Fills each connection pool of the unit (EclipseLink's default write pool, its read pool, named pools) to
         * its minimum: takes that many connections at once, then gives them back (a pool keeps up to its minimum).
         *
         * @return ", pools default 4/4 read 2/2" (connections open / minimum), or "" with another provider
         */
        static String fill(EntityManagerFactory factory, WarmupReport report, String unit)
        {
            Object session = serverSession(factory);
            if (session == null)
                return "";
            StringBuilder summary = new StringBuilder();
            try
            {
                Map<String, Object> pools = new LinkedHashMap<>();
                pools.put("default", session.getClass().getMethod("getDefaultConnectionPool").invoke(session));
                pools.put("read", session.getClass().getMethod("getReadConnectionPool").invoke(session));
                Map<?, ?> named = (Map<?, ?>)session.getClass().getMethod("getConnectionPools").invoke(session);
                for (Map.Entry<?, ?> entry : named.entrySet())
                {
                    if (!pools.containsValue(entry.getValue()))
                        pools.put(String.valueOf(entry.getKey()), entry.getValue());
                }
                for (Map.Entry<String, Object> entry : pools.entrySet())
                {
                    Object pool = entry.getValue();
                    if (pool == null)
                        continue;
                    int min = (Integer)pool.getClass().getMethod("getMinNumberOfConnections").invoke(pool);
                    Method total = pool.getClass().getMethod("getTotalNumberOfConnections");
                    Method acquire = pool.getClass().getMethod("acquireConnection");
                    Method release = null;
                    for (Method method : pool.getClass().getMethods())
                    {
                        if (method.getName().equals("releaseConnection") && method.getParameterCount() == 1)
                            release = method;
                    }
                    List<Object> held = new ArrayList<>();
                    try
                    {
                        while ((Integer)total.invoke(pool) < min && held.size() < min)
                            held.add(acquire.invoke(pool));
                    }
                    finally
                    {
                        for (Object connection : held)
                            release.invoke(pool, connection);
                    }
                    summary.append(summary.length() == 0 ? ", pools " : " ").append(entry.getKey()).append(' ')
                        .append(total.invoke(pool)).append('/').append(min);
                }
            }
            catch (ReflectiveOperationException | RuntimeException x)
            {
                Throwable cause = x instanceof java.lang.reflect.InvocationTargetException i && i.getCause() != null ? i.getCause() : x;
                report.failures.add("connection pools of unit " + unit + ": " + WarmupReport.oneLine(cause));
            }
            return summary.toString();
        }

        /** Generates the SQL of a named query in the session's shared copy, which its executions clone. */
        static boolean prepare(EntityManagerFactory factory, String name)
        {
            Object session = serverSession(factory);
            if (session == null)
                return false;
            try
            {
                Object query = session.getClass().getMethod("getQuery", String.class).invoke(session, name);
                if (query == null)
                    return false;
                ClassLoader loader = session.getClass().getClassLoader();
                Object row = Class.forName("org.eclipse.persistence.sessions.DatabaseRecord", true, loader).getConstructor().newInstance();
                for (Method method : query.getClass().getMethods())
                {
                    if (method.getName().equals("prepareCall") && method.getParameterCount() == 2)
                    {
                        method.invoke(query, session, row);
                        return (Boolean)query.getClass().getMethod("isPrepared").invoke(query);
                    }
                }
                return false;
            }
            catch (ReflectiveOperationException | RuntimeException | LinkageError x)
            {
                return false;
            }
        }
    }
}
