package io.lyger.launcher.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

import io.lyger.launcher.LygerStartException;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.LoginService;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.security.Credential;

/**
 * A realm given as {@code --realm NAME=FILE}: Jetty's {@link HashLoginService} named {@code NAME} over a properties
 * file in Jetty's format, one user a line, {@code name: password[, role...]} (the password may be {@code MD5:...},
 * {@code CRYPT:...} or {@code OBF:...}).
 * <p>
 * Jetty reads the file only when the login service starts, and reports a missing file with a stack trace: the file is
 * read here first, the way Jetty's {@code PropertyUserStore} reads it, so that a bad file is one line naming it.
 * Malformed means: not readable as properties (a bad {@code \\u} escape), a user with no password (a line with no
 * {@code :} or {@code =}, or nothing after it), a password Jetty's {@link Credential} cannot read, or no user at all.
 */
public record RealmFile(String name, Path file)
{
    public RealmFile
    {
        if (name == null || name.isBlank())
            throw new IllegalArgumentException("a realm needs a name");
    }

    /**
     * Reads the file and checks every user.
     *
     * @throws LygerStartException {@link LygerStartException.Reason#BAD_CONFIGURATION} naming the file
     */
    public void check()
    {
        Properties users = new Properties();
        try (InputStream in = Files.newInputStream(file))
        {
            users.load(in);
        }
        catch (NoSuchFileException x)
        {
            throw bad("no such file", x);
        }
        catch (AccessDeniedException x)
        {
            throw bad("cannot read it (permission denied)", x);
        }
        catch (IOException x)
        {
            throw bad("cannot read it (" + (x.getMessage() == null ? x.getClass().getSimpleName() : x.getMessage()) + ")", x);
        }
        catch (IllegalArgumentException x)
        {
            throw bad("not a properties file: " + x.getMessage(), x);
        }
        if (users.isEmpty())
            throw bad("defines no user (one a line: name: password, role, ...)", null);
        for (String user : users.stringPropertyNames())
        {
            String value = users.getProperty(user).trim();
            int comma = value.indexOf(',');
            String password = (comma >= 0 ? value.substring(0, comma) : value).trim();
            if (password.isEmpty())
                throw bad("user '" + user.trim() + "' has no password (one a line: name: password, role, ...)", null);
            try
            {
                Credential.getCredential(password);
            }
            catch (RuntimeException x)
            {
                throw bad("user '" + user.trim() + "': unreadable password (" + x.getClass().getSimpleName() + ")", x);
            }
        }
    }

    /** @return a new login service over the file (checked first with {@link #check()}). */
    public LoginService newLoginService()
    {
        HashLoginService loginService = new HashLoginService(name);
        loginService.setConfig(ResourceFactory.root().newResource(file.toAbsolutePath().normalize()));
        return loginService;
    }

    private LygerStartException bad(String why, Throwable cause)
    {
        return new LygerStartException(LygerStartException.Reason.BAD_CONFIGURATION,
            "realm '" + name + "': realm file " + file + ": " + why, cause);
    }
}
