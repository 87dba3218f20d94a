package io.lyger.connector.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Takes back the system properties JNA sets as it loads ({@code jna.loaded}, {@code jnidispatch.path},
 * {@code jna.platform.library.path}), which every web application would otherwise see in
 * {@code System.getProperties()}. JNA 5 reads them only in the static initialisers of {@code Native} and
 * {@code NativeLibrary} (to find libraries), and never after: once those have run, the properties are no longer used
 * (a web application's own JNA, in its own class loader, sets its own again). Properties set before, by the user
 * ({@code -Djna.library.path=...}), are left as they were.
 */
final class JnaSystemProperties
{
    private JnaSystemProperties()
    {
    }

    /** @return JNA's properties as they are now */
    static Map<String, String> snapshot()
    {
        Map<String, String> properties = new HashMap<>();
        for (String name : System.getProperties().stringPropertyNames())
        {
            if (isJna(name))
                properties.put(name, System.getProperty(name));
        }
        return properties;
    }

    /** Removes the JNA properties that were not in {@code before} and gives back their values to those that were. */
    static void restore(Map<String, String> before)
    {
        for (String name : System.getProperties().stringPropertyNames())
        {
            if (!isJna(name))
                continue;
            String previous = before.get(name);
            if (previous == null)
                System.clearProperty(name);
            else if (!previous.equals(System.getProperty(name)))
                System.setProperty(name, previous);
        }
    }

    private static boolean isJna(String name)
    {
        return name.startsWith("jna.") || name.startsWith("jnidispatch.");
    }
}
