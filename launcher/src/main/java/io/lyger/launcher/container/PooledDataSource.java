package io.lyger.launcher.container;

import java.nio.file.Path;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lyger.launcher.LygerStartException;

/**
 * A {@code --jndi} DataSource: a HikariCP pool. The JDBC driver is loaded by the server (the pool lives at server
 * scope, shared by the WARs), so its jar goes on the server's class path, not (only) in a WAR.
 * <p>
 * The pool opens its first connection when the server starts (HikariCP's {@code initializationFailTimeout}, 1 ms by
 * default): a database that cannot be reached fails the start, naming the resource. {@code NAME.initializationFailTimeout=-1}
 * in the file starts it lazily instead.
 */
public record PooledDataSource(Path file, JndiResources.DataSourceDefinition definition)
{
    /**
     * Checks the settings and that a driver on the server's class path takes the URL.
     *
     * @throws LygerStartException {@link LygerStartException.Reason#BAD_CONFIGURATION} naming the file
     */
    public void check()
    {
        HikariConfig config = config();
        if (config.getDriverClassName() == null)
            throw JndiResources.bad(file, definition.name() + ": no JDBC driver on the server's class path takes " + displayUrl()
                + " (put the driver's jar in the server's lib/ or LYGER_CLASSPATH)", null);
        try
        {
            config.validate();
        }
        catch (RuntimeException x)
        {
            // a bad pool size or timeout (IllegalArgumentException), a driverClassName that does not load
            throw JndiResources.bad(file, definition.name() + ": " + x.getMessage(), x);
        }
    }

    /**
     * @return the started pool
     * @throws LygerStartException {@link LygerStartException.Reason#RESOURCE_FAILED} when it cannot connect
     */
    public HikariDataSource open()
    {
        try
        {
            return new HikariDataSource(config());
        }
        catch (RuntimeException x)
        {
            Throwable root = x;
            while (root.getCause() != null && root.getCause() != root)
                root = root.getCause();
            String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().lines().findFirst().orElse("");
            throw new LygerStartException(LygerStartException.Reason.RESOURCE_FAILED,
                "JNDI resource " + definition.name() + " (" + file + "): cannot connect to " + displayUrl() + ": " + why, x);
        }
    }

    /** @return the JDBC URL without its query string, where some drivers take a password: for logs and messages. */
    public String displayUrl()
    {
        int query = definition.url().indexOf('?');
        return query < 0 ? definition.url() : definition.url().substring(0, query) + "?...";
    }

    private HikariConfig config()
    {
        Properties settings = new Properties();
        settings.putAll(definition.settings());
        HikariConfig config;
        try
        {
            config = new HikariConfig(settings);
        }
        catch (RuntimeException x)
        {
            // HikariCP: "Property foo does not exist on target class com.zaxxer.hikari.HikariConfig", or a bad number
            String why = x.getMessage() == null ? x.getClass().getSimpleName() : x.getMessage().replace(" on target class " + HikariConfig.class.getName(), "");
            throw JndiResources.bad(file, definition.name() + ": " + why + " (attributes: url, user, password and HikariCP's settings)", x);
        }
        config.setJdbcUrl(definition.url());
        if (definition.user() != null)
            config.setUsername(definition.user());
        if (definition.password() != null)
            config.setPassword(definition.password());
        if (config.getPoolName() == null)
            config.setPoolName(definition.name());
        if (config.getDriverClassName() == null)
            driverFor(definition.url()).ifPresent(config::setDriverClassName);
        return config;
    }

    /**
     * @return the driver on the server's class path that takes {@code url}, found through {@link ServiceLoader} on the
     * server's class loader. Not through {@code DriverManager}, whose drivers are those the thread context class
     * loader of its first caller in the JVM saw: in an embedding JVM that may have been a web application's, and
     * the server's own drivers are then missing from it (HikariCP, given the class name, loads the driver itself).
     */
    static Optional<String> driverFor(String url)
    {
        for (Iterator<Driver> drivers = ServiceLoader.load(Driver.class, PooledDataSource.class.getClassLoader()).iterator(); ; )
        {
            try
            {
                if (!drivers.hasNext())
                    return Optional.empty();
                Driver driver = drivers.next();
                if (driver.acceptsURL(url))
                    return Optional.of(driver.getClass().getName());
            }
            catch (SQLException | ServiceConfigurationError | LinkageError x)
            {
                // a driver that does not load or refuses the question is not the one for this URL
            }
        }
    }
}
