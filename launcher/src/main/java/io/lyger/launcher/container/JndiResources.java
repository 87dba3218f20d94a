package io.lyger.launcher.container;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import io.lyger.launcher.LygerStartException;

/**
 * The file of {@code --jndi=FILE}: the resources the server binds at server scope, where a WAR's {@code resource-ref},
 * {@code env-entry} and {@code @Resource} find them (Jetty's {@code org.eclipse.jetty.plus.jndi.Resource} and
 * {@code EnvEntry} with the server as scope, as a {@code jetty.xml} of Jetty's {@code ee11-plus} module binds them).
 * A properties file, keys {@code NAME.ATTRIBUTE}, where NAME is the name under {@code java:comp/env}:
 * <pre>
 * jdbc/mydatasource.type=DataSource
 * jdbc/mydatasource.url=jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1
 * jdbc/mydatasource.user=sa
 * jdbc/mydatasource.password=
 * jdbc/mydatasource.maximumPoolSize=10        # any other attribute: a HikariCP setting
 *
 * greeting.value=Hello                        # an env-entry; .type defaults to java.lang.String
 * maxItems.type=Integer
 * maxItems.value=25
 * maxItems.override=true                      # the server's value wins over the WAR's env-entry-value
 * </pre>
 * A NAME is declared by its {@code .type} or {@code .value} key; every other key must start with a declared NAME
 * (the longest one, so that a NAME may itself contain dots).
 */
public record JndiResources(Path file, List<DataSourceDefinition> dataSources, List<EnvEntryDefinition> envEntries)
{
    /** The {@code .type} of a pooled DataSource. */
    public static final String DATA_SOURCE = "DataSource";

    /** A pooled DataSource: its JNDI name, JDBC URL, user, password and HikariCP settings. */
    public record DataSourceDefinition(String name, String url, String user, String password, Map<String, String> settings)
    {
    }

    /** An env-entry: JNDI name, value (of one of the env-entry types), whether it overrides the WAR's value. */
    public record EnvEntryDefinition(String name, Object value, boolean override)
    {
    }

    /**
     * Reads and checks the file.
     *
     * @throws LygerStartException {@link LygerStartException.Reason#BAD_CONFIGURATION} naming the file
     */
    public static JndiResources read(Path file)
    {
        Properties properties = PropertiesFile.load(file, (why, cause) -> bad(file, why, cause));
        if (properties.isEmpty())
            throw bad(file, "defines no resource (NAME.type=DataSource or NAME.value=...)", null);

        TreeSet<String> names = new TreeSet<>(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        for (String key : properties.stringPropertyNames())
        {
            for (String declaring : List.of(".type", ".value"))
            {
                if (key.endsWith(declaring) && key.length() > declaring.length())
                    names.add(key.substring(0, key.length() - declaring.length()));
            }
        }
        Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames()))
        {
            String owner = names.stream().filter(name -> key.startsWith(name + ".")).findFirst()
                .orElseThrow(() -> bad(file, "'" + key + "' belongs to no resource (declare one with NAME.type or NAME.value)", null));
            attributes.computeIfAbsent(owner, n -> new LinkedHashMap<>())
                .put(key.substring(owner.length() + 1), properties.getProperty(key).trim());
        }

        List<DataSourceDefinition> dataSources = new ArrayList<>();
        List<EnvEntryDefinition> envEntries = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> resource : attributes.entrySet())
        {
            String name = resource.getKey();
            Map<String, String> values = new LinkedHashMap<>(resource.getValue());
            String type = values.remove("type");
            if (DATA_SOURCE.equals(type) || "javax.sql.DataSource".equals(type))
                dataSources.add(dataSource(file, name, values));
            else
                envEntries.add(envEntry(file, name, type == null ? "String" : type, values));
        }
        return new JndiResources(file, List.copyOf(dataSources), List.copyOf(envEntries));
    }

    private static DataSourceDefinition dataSource(Path file, String name, Map<String, String> values)
    {
        if (values.containsKey("value"))
            throw bad(file, name + ".value: a DataSource has a url, not a value", null);
        String url = values.remove("url");
        if (url == null || url.isEmpty())
            throw bad(file, name + ".url is missing (the JDBC URL of the DataSource)", null);
        String user = values.remove("user");
        String password = values.remove("password");
        return new DataSourceDefinition(name, url, user, password, Map.copyOf(values));
    }

    private static EnvEntryDefinition envEntry(Path file, String name, String type, Map<String, String> values)
    {
        String text = values.remove("value");
        if (text == null)
            throw bad(file, name + ".value is missing (type " + type + ")", null);
        String override = values.remove("override");
        if (override != null && !override.equalsIgnoreCase("true") && !override.equalsIgnoreCase("false"))
            throw bad(file, name + ".override must be true or false, got '" + override + "'", null);
        if (!values.isEmpty())
            throw bad(file, name + "." + values.keySet().iterator().next() + ": an env-entry has only type, value and override", null);
        Object value;
        try
        {
            value = EnvEntryType.parse(type, text);
        }
        catch (IllegalArgumentException x)
        {
            throw bad(file, name + ": " + x.getMessage(), x);
        }
        return new EnvEntryDefinition(name, value, Boolean.parseBoolean(override));
    }

    static LygerStartException bad(Path file, String why, Throwable cause)
    {
        return new LygerStartException(LygerStartException.Reason.BAD_CONFIGURATION, "JNDI file " + file + ": " + why, cause);
    }
}
