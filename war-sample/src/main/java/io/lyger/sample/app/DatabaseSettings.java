package io.lyger.sample.app;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where the sample's database is. By default an H2 database in memory (one per deployment); set
 * {@code LYGER_SAMPLE_JDBC_URL} (environment) or {@code -Dlyger.sample.jdbc.url} for another one, for example
 * {@code jdbc:postgresql://localhost/hello_world}, with {@code _USER} / {@code .user} and {@code _PASSWORD} /
 * {@code .password}. The driver follows from the URL (H2 and PostgreSQL are in the WAR); {@code _DRIVER} /
 * {@code .driver} names another one.
 */
@ApplicationScoped
public class DatabaseSettings
{
    static final String DEFAULT_URL = "jdbc:h2:mem:lyger-sample;DB_CLOSE_DELAY=-1";

    private final String url = setting("url", DEFAULT_URL);
    private final String user = setting("user", url.startsWith("jdbc:h2:") ? "sa" : null);
    private final String password = setting("password", url.startsWith("jdbc:h2:") ? "" : null);
    private final String driver = setting("driver", defaultDriver(url));

    public String url()
    {
        return url;
    }

    public String user()
    {
        return user;
    }

    public String password()
    {
        return password;
    }

    /** @return true for the default H2 database in memory, which lives as long as the deployment. */
    public boolean inMemory()
    {
        return url.startsWith("jdbc:h2:mem:");
    }

    /** @return the JDBC properties that override {@code persistence.xml}'s. */
    public Map<String, Object> overrides()
    {
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.jdbc.url", url);
        if (driver != null)
            properties.put("jakarta.persistence.jdbc.driver", driver);
        if (user != null)
            properties.put("jakarta.persistence.jdbc.user", user);
        if (password != null)
            properties.put("jakarta.persistence.jdbc.password", password);
        return properties;
    }

    private static String setting(String name, String defaultValue)
    {
        String value = System.getProperty("lyger.sample.jdbc." + name);
        if (value == null || value.isBlank())
            value = System.getenv("LYGER_SAMPLE_JDBC_" + name.toUpperCase(Locale.ROOT));
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    private static String defaultDriver(String url)
    {
        if (url.startsWith("jdbc:h2:"))
            return "org.h2.Driver";
        if (url.startsWith("jdbc:postgresql:"))
            return "org.postgresql.Driver";
        return null;
    }
}
