package io.lyger.launcher.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.BiFunction;

import io.lyger.launcher.LygerStartException;

/** Reading a configuration file of the server (realm users, JNDI resources), its failures as one line. */
final class PropertiesFile
{
    private PropertiesFile()
    {
    }

    /**
     * @param bad makes the exception for a failure from the reason ({@code "no such file"}...) and its cause
     * @return the file's properties (ISO-8859-1 with escapes, as Jetty and {@link Properties#load(InputStream)} read it)
     */
    static Properties load(Path file, BiFunction<String, Throwable, LygerStartException> bad)
    {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file))
        {
            properties.load(in);
        }
        catch (IOException x)
        {
            throw bad.apply(unreadable(x), x);
        }
        catch (IllegalArgumentException x)
        {
            throw bad.apply("not a properties file: " + x.getMessage(), x);
        }
        return properties;
    }

    /** @return why a file cannot be read, for a person: {@code "no such file"}, {@code "cannot read it (...)"} */
    static String unreadable(IOException x)
    {
        if (x instanceof NoSuchFileException)
            return "no such file";
        if (x instanceof AccessDeniedException)
            return "cannot read it (permission denied)";
        return "cannot read it (" + (x.getMessage() == null ? x.getClass().getSimpleName() : x.getMessage()) + ")";
    }
}
