package io.lyger.arquillian;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.eclipse.jetty.server.HttpConfiguration;
import org.jboss.arquillian.container.spi.ConfigurationException;

/**
 * What arquillian.xml sets on Jetty's {@link HttpConfiguration} of the container's listeners, by the names of its
 * setters ({@code relativeRedirectAllowed} for {@code setRelativeRedirectAllowed}), as Jetty's Arquillian adapter's
 * {@code httpConfigurationProperties} does. Values are converted by the setter's parameter type: boolean, int,
 * long, String, a comma-separated String list, or a Jetty compliance mode through its {@code from(String)}
 * ({@code RFC6265_LEGACY}, {@code LEGACY}, {@code RFC3986,-AMBIGUOUS_PATH_SEPARATOR} ...). Reflection rather than a
 * hand-written list: every HttpConfiguration setter of Jetty's version is reachable, as with Jetty's adapter.
 */
final class HttpSettings
{
    /** Setter name (without {@code set}, first letter lower case) to value, in the order they are applied. */
    private final Map<String, String> values;

    HttpSettings(Map<String, String> values)
    {
        this.values = new LinkedHashMap<>(values);
    }

    /** Throws a ConfigurationException naming the property and the value that cannot be applied. */
    void validate()
    {
        applyTo(new HttpConfiguration());
    }

    /** Sets each value on {@code config}. */
    void applyTo(HttpConfiguration config)
    {
        values.forEach((name, value) -> set(config, name, value));
    }

    private static void set(HttpConfiguration config, String name, String value)
    {
        Method setter = setter(name);
        try
        {
            setter.invoke(config, convert(setter.getParameterTypes()[0], value.strip()));
        }
        catch (InvocationTargetException x)
        {
            throw invalid(name, value, x.getCause());
        }
        catch (IllegalAccessException | RuntimeException x)
        {
            throw invalid(name, value, x);
        }
    }

    private static Method setter(String name)
    {
        String setterName = "set" + name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        Method found = null;
        for (Method method : HttpConfiguration.class.getMethods())
        {
            if (method.getName().equals(setterName) && method.getParameterCount() == 1 && convertible(method.getParameterTypes()[0]))
            {
                // setFormEncodedMethods(String...) and (Set): the array one takes a comma-separated list
                if (found == null || method.getParameterTypes()[0].isArray())
                    found = method;
            }
        }
        if (found == null)
            throw new ConfigurationException("lyger: Jetty's HttpConfiguration has no property '" + name + "' that arquillian.xml can set");
        return found;
    }

    private static boolean convertible(Class<?> type)
    {
        return type == boolean.class || type == int.class || type == long.class || type == String.class
            || type == String[].class || fromString(type) != null;
    }

    private static Object convert(Class<?> type, String value) throws InvocationTargetException, IllegalAccessException
    {
        if (type == boolean.class)
        {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false"))
                throw new IllegalArgumentException("not true or false");
            return Boolean.parseBoolean(value);
        }
        if (type == int.class)
            return Integer.parseInt(value);
        if (type == long.class)
            return Long.parseLong(value);
        if (type == String.class)
            return value;
        if (type == String[].class)
            return value.split("\\s*,\\s*");
        return fromString(type).invoke(null, value);
    }

    /** @return the {@code static T from(String)} of Jetty's compliance modes, or null. */
    private static Method fromString(Class<?> type)
    {
        try
        {
            Method from = type.getMethod("from", String.class);
            return Modifier.isStatic(from.getModifiers()) && type.isAssignableFrom(from.getReturnType()) ? from : null;
        }
        catch (NoSuchMethodException x)
        {
            return null;
        }
    }

    private static ConfigurationException invalid(String name, String value, Throwable why)
    {
        String reason = why.getMessage() == null ? why.getClass().getSimpleName() : why.getMessage();
        return new ConfigurationException("lyger: arquillian.xml: " + name + " '" + value + "' is not valid: " + reason, why);
    }
}
