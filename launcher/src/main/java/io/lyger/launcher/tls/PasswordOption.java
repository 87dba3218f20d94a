package io.lyger.launcher.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import io.lyger.launcher.LygerStartException;

/**
 * A password given one of three ways, as {@code --NAME=SECRET}, {@code --NAME-env=VARIABLE} or {@code --NAME-file=FILE}:
 * the last two keep it out of {@code ps} and of the shell's history. A file gives its first line (a trailing newline,
 * as editors and {@code echo} leave one, is not part of the password). Jetty's {@code OBF:} form is read by Jetty's
 * {@code Password}, as in a jetty.xml.
 *
 * @param name the option's name without the leading dashes, e.g. {@code keystore-password}
 */
public record PasswordOption(String name, String value, String environmentVariable, Path file)
{
    /** @return whether the password was given at all */
    public boolean isGiven()
    {
        return value != null || environmentVariable != null || file != null;
    }

    /**
     * @param environment where {@code --NAME-env} looks (the process environment)
     * @return the password, or null when not given
     * @throws IllegalArgumentException if it is given more than one way
     * @throws LygerStartException {@link LygerStartException.Reason#BAD_CONFIGURATION} if its variable is unset or its
     * file unreadable, naming the option
     */
    public String resolve(Map<String, String> environment)
    {
        int given = (value != null ? 1 : 0) + (environmentVariable != null ? 1 : 0) + (file != null ? 1 : 0);
        if (given > 1)
            throw new IllegalArgumentException("give only one of --" + name + ", --" + name + "-env and --" + name + "-file");
        if (value != null)
            return value;
        if (environmentVariable != null)
        {
            String secret = environment.get(environmentVariable);
            if (secret == null)
                throw bad("--" + name + "-env=" + environmentVariable + ": the environment variable " + environmentVariable + " is not set", null);
            return secret;
        }
        if (file == null)
            return null;
        try
        {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int end = content.indexOf('\n');
            String line = end < 0 ? content : content.substring(0, end);
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        }
        catch (NoSuchFileException x)
        {
            throw bad("--" + name + "-file=" + file + ": no such file", x);
        }
        catch (IOException x)
        {
            throw bad("--" + name + "-file=" + file + ": cannot read it (" + x.getClass().getSimpleName() + ")", x);
        }
    }

    private static LygerStartException bad(String message, Throwable cause)
    {
        return new LygerStartException(LygerStartException.Reason.BAD_CONFIGURATION, message, cause);
    }
}
