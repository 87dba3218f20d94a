package io.lyger.arquillian;

import java.nio.charset.Charset;
import java.util.Map;

import org.eclipse.jetty.http.MimeTypes;
import org.jboss.arquillian.container.spi.ConfigurationException;

/**
 * The {@code inferredEncodings} and {@code mimeTypes} of arquillian.xml (Jetty's adapter's names and pair format),
 * applied to Jetty's {@link MimeTypes}. An encoding is written as in Jetty's {@code encoding.properties}: {@code utf-8}
 * is inferred (Jetty adds {@code ;charset=utf-8} to a Content-Type set without a charset), {@code -utf-8} assumed (used
 * to encode, not added to the header), {@code -} assumed to have no charset.
 */
final class MimeSettings
{
    private MimeSettings()
    {
    }

    /** @return mime type to encoding, checked (a charset Java knows, or {@code -}) */
    static Map<String, String> inferredEncodings(String text)
    {
        Map<String, String> pairs = PropertyPairs.parse("inferredEncodings", text);
        pairs.forEach((type, encoding) -> {
            String charset = encoding.startsWith("-") ? encoding.substring(1) : encoding;
            if (!charset.isEmpty() && !Charset.isSupported(charset))
                throw new ConfigurationException("lyger: inferredEncodings: '" + encoding + "' (for " + type + ") is not a charset this JVM knows");
        });
        return pairs;
    }

    /** @return extension to mime type */
    static Map<String, String> mimeTypes(String text)
    {
        Map<String, String> pairs = PropertyPairs.parse("mimeTypes", text);
        pairs.keySet().forEach(extension -> {
            if (extension.contains("."))
                throw new ConfigurationException("lyger: mimeTypes: the extension '" + extension + "' is given without its dot ('js', not '.js')");
        });
        return pairs;
    }

    /** Applies {@code inferredEncodings} to {@code mimeTypes}, as Jetty's encoding.properties entries would be. */
    static void applyEncodings(Map<String, String> encodings, MimeTypes.Mutable mimeTypes)
    {
        encodings.forEach((type, encoding) -> {
            if (encoding.startsWith("-"))
            {
                // Assumed: no longer inferred, so that Jetty does not add it to the Content-Type.
                mimeTypes.addInferred(type, null);
                mimeTypes.addAssumed(type, encoding.substring(1));
            }
            else
            {
                mimeTypes.addAssumed(type, null);
                mimeTypes.addInferred(type, encoding);
            }
        });
    }

    /** Adds the {@code mimeTypes} mappings to {@code mimeTypes}. */
    static void applyMimeTypes(Map<String, String> mappings, MimeTypes.Mutable mimeTypes)
    {
        mappings.forEach(mimeTypes::addMimeMapping);
    }
}
