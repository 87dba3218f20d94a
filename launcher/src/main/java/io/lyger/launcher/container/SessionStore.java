package io.lyger.launcher.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Locale;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lyger.launcher.LygerStartException;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.FilterMapping;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.session.AbstractSessionDataStoreFactory;
import org.eclipse.jetty.session.DatabaseAdaptor;
import org.eclipse.jetty.session.FileSessionDataStoreFactory;
import org.eclipse.jetty.session.JDBCSessionDataStore;
import org.eclipse.jetty.session.NullSessionCacheFactory;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Where the server keeps HTTP sessions ({@code --sessions=URL}), through Jetty's own session stores, installed as
 * Jetty's {@code session-store-*} and {@code session-cache-*} modules install them: a {@code SessionCacheFactory} and
 * a {@code SessionDataStoreFactory} bean on the {@link Server}, which every context's session manager picks up.
 * <ul>
 * <li>{@code memory} (the default): Jetty's defaults, sessions in each JVM's memory only.</li>
 * <li>{@code file:/dir}: {@code FileSessionDataStore}, one file a session: sessions outlive a restart of the
 * instance. One instance a directory: Jetty's file store indexes the directory when it starts, so it does not see
 * files another running instance writes (share sessions between instances through a database).</li>
 * <li>{@code jdbc:...} (e.g. {@code jdbc:postgresql://host/db?user=u&password=p}): {@code JDBCSessionDataStore} over
 * a HikariCP pool, its table ({@code JettySessions}) created by Jetty when missing (a first save that finds the row
 * there updates it: {@link UpsertingJdbcSessionDataStore}). The driver's jar must be on the
 * server's class path (PostgreSQL's and H2's come with Lyger).</li>
 * </ul>
 * With a persistent store the settings are those of instances that share sessions behind a load balancer without
 * sticky sessions: every request reads its session from the store and every response writes it back before it is
 * committed (see {@link #cacheFactory()}), so the next request sees the change whichever instance it reaches.
 * <p>
 * A store that cannot be reached when the server starts fails the start ({@link LygerStartException.Reason#RESOURCE_FAILED},
 * exit code 4) naming it; one that fails later is watched by a {@link SessionStoreHealth} ({@link SessionStoreFilter}).
 */
public final class SessionStore
{
    /** How long a request waits for a pooled connection when the database does not answer. */
    static final long CONNECTION_TIMEOUT_MILLIS = 2_000;

    /** Jetty's save period: above 0 so that only the write before the response happens (see {@link #install}). */
    static final int SAVE_PERIOD_SECONDS = 10;

    private final String url;

    private SessionStore(String url)
    {
        this.url = url;
    }

    /**
     * @param url {@code memory}, {@code file:DIR} or a JDBC URL
     * @throws IllegalArgumentException for anything else
     */
    public static SessionStore of(String url)
    {
        String trimmed = url == null ? "" : url.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.equals("memory") || lower.startsWith("file:") && trimmed.length() > 5 || lower.startsWith("jdbc:") && trimmed.length() > 5)
            return new SessionStore(trimmed);
        throw new IllegalArgumentException("--sessions takes memory, file:DIR or a jdbc: URL, got '" + url + "'");
    }

    /** @return the URL as given, with a JDBC URL's query string (where a password may be) left out */
    public String displayUrl()
    {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?...";
    }

    /**
     * Adds the store to {@code server} before it starts; connects to a database first, and creates its table.
     *
     * @throws LygerStartException {@link LygerStartException.Reason#RESOURCE_FAILED} when the store cannot be reached
     */
    public void install(Server server)
    {
        if (url.equalsIgnoreCase("memory"))
            return;
        AbstractSessionDataStoreFactory storeFactory = url.regionMatches(true, 0, "file:", 0, 5) ? fileStore() : jdbcStore(server);
        // A session a request used is written when its response is committed, changed or not (GuardedSessionDataStore
        // marks it changed when loaded), so its last access, and so its expiry, is the same on every instance. A
        // save period above 0 then keeps Jetty from writing it again when the request leaves, after the response:
        // that write could undo a change the client's next request has meanwhile made on another instance.
        storeFactory.setSavePeriodSec(SAVE_PERIOD_SECONDS);
        SessionStoreHealth health = new SessionStoreHealth(displayUrl());
        server.addBean(cacheFactory());
        server.addBean(new GuardedSessionDataStore.Factory(storeFactory, health));
        server.addBean(health);
    }

    /**
     * No cache in front of the store, as Jetty's {@code session-cache-null} module makes it: each request reads its
     * session from the store, so it never sees a copy another instance has since changed. (Jetty's
     * {@code DefaultSessionCache} evicting on exit would share one copy between a request and the next one of the same
     * client on the same instance, but a request arriving while the previous one is being evicted finds no session at
     * all.) The session is written when the response is committed, so a client that sends its next request to another
     * instance at once finds the change there; a session whose data cannot be read back (a class that changed) is
     * removed rather than failing each request that names it; a stopping instance leaves its sessions to the others.
     */
    static NullSessionCacheFactory cacheFactory()
    {
        NullSessionCacheFactory cache = new NullSessionCacheFactory();
        cache.setFlushOnResponseCommit(true);
        cache.setSaveOnCreate(false);
        cache.setRemoveUnloadableSessions(true);
        cache.setInvalidateOnShutdown(false);
        return cache;
    }

    private FileSessionDataStoreFactory fileStore()
    {
        Path dir = Path.of(url.substring(5)).toAbsolutePath().normalize();
        try
        {
            Files.createDirectories(dir);
        }
        catch (IOException x)
        {
            throw unreachable("cannot create the directory (" + SessionStoreHealth.oneLine(x) + ")", x);
        }
        if (!Files.isWritable(dir))
            throw unreachable("the directory is not writable", null);
        FileSessionDataStoreFactory factory = new FileSessionDataStoreFactory();
        factory.setStoreDir(dir.toFile());
        return factory;
    }

    private AbstractSessionDataStoreFactory jdbcStore(Server server)
    {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("lyger-sessions");
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        // below the databases' usual idle limits; and the pool opens its first connection now, failing the start
        config.setInitializationFailTimeout(CONNECTION_TIMEOUT_MILLIS);
        PooledDataSource.driverFor(url).ifPresent(config::setDriverClassName);
        if (config.getDriverClassName() == null)
            throw new LygerStartException(LygerStartException.Reason.BAD_CONFIGURATION, "--sessions " + displayUrl()
                + ": no JDBC driver on the server's class path takes this URL (put the driver's jar in the server's lib/ or LYGER_CLASSPATH)", null);
        HikariDataSource pool;
        try
        {
            pool = new HikariDataSource(config);
        }
        catch (RuntimeException x)
        {
            throw unreachable("cannot connect: " + SessionStoreHealth.oneLine(x), x);
        }
        DatabaseAdaptor adaptor = new DatabaseAdaptor();
        adaptor.setDatasource(pool);
        try
        {
            createTable(adaptor);
        }
        catch (Exception x)
        {
            pool.close();
            throw unreachable("cannot create its table: " + SessionStoreHealth.oneLine(x), x);
        }
        server.addEventListener(new LifeCycle.Listener()
        {
            @Override
            public void lifeCycleStopped(LifeCycle event)
            {
                pool.close();
            }
        });
        return new UpsertingJdbcSessionDataStore.Factory(adaptor);
    }

    /**
     * Jetty's own table creation, done once here rather than by each context as it starts: instances started
     * together would otherwise race to create the same table, and all but one fail. A lost race is tried once more
     * (the table is there then).
     */
    private static void createTable(DatabaseAdaptor adaptor) throws Exception
    {
        Schema schema = new Schema(adaptor);
        try (Connection connection = adaptor.getDatasource().getConnection())
        {
            adaptor.adaptTo(connection.getMetaData());
        }
        try
        {
            schema.prepareTables();
        }
        catch (SQLException raced)
        {
            schema.prepareTables();
        }
    }

    /** Jetty's default table ({@code JettySessions}), given the adaptor that Jetty's store sets itself. */
    private static final class Schema extends JDBCSessionDataStore.SessionTableSchema
    {
        Schema(DatabaseAdaptor adaptor)
        {
            setDatabaseAdaptor(adaptor);
        }
    }

    private LygerStartException unreachable(String why, Throwable cause)
    {
        return new LygerStartException(LygerStartException.Reason.RESOURCE_FAILED, "session store " + displayUrl() + " (--sessions): " + why, cause);
    }

    /**
     * Puts {@link SessionStoreFilter} first in {@code webApp}'s filter chain when {@code server} has a session store.
     */
    public static void configure(WebAppContext webApp, Server server)
    {
        SessionStoreHealth health = server.getBean(SessionStoreHealth.class);
        if (health == null)
            return;
        FilterHolder holder = new FilterHolder(new SessionStoreFilter(health));
        holder.setName("lyger-session-store");
        FilterMapping mapping = new FilterMapping();
        mapping.setFilterName(holder.getName());
        mapping.setPathSpec("/*");
        mapping.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
        webApp.getServletHandler().addFilter(holder);
        webApp.getServletHandler().prependFilterMapping(mapping);
    }
}
