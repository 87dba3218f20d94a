package io.lyger.arquillian;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.arquillian.container.spi.ConfigurationException;

/**
 * The {@code name value name value ...} lists of arquillian.xml that Jetty's Arquillian adapter reads the same way
 * ({@code mimeTypes}, {@code inferredEncodings}, {@code httpConfigurationProperties}): pairs separated by spaces or
 * new lines.
 */
final class PropertyPairs
{
    private PropertyPairs()
    {
    }

    /** @return the pairs of {@code text} in their order (a name given twice keeps its last value); empty for null. */
    static Map<String, String> parse(String property, String text)
    {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (text == null || text.isBlank())
            return pairs;
        String[] words = text.strip().split("\\s+");
        if (words.length % 2 != 0)
            throw new ConfigurationException("lyger: " + property + " is a list of pairs '<name> <value>' separated by spaces, but '"
                + words[words.length - 1] + "' has no value");
        for (int i = 0; i < words.length; i += 2)
            pairs.put(words[i], words[i + 1]);
        return pairs;
    }
}
