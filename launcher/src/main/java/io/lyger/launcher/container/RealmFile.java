package io.lyger.launcher.container;

import java.nio.file.Path;
import java.util.Properties;
import java.util.function.BiFunction;

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
        checkUsers(file, "realm '" + name + "': realm file " + file);
    }

    /**
     * Reads a users file in Jetty's realm format and checks every user.
     *
     * @param what what the file is, starting the message of the failure ({@code "realm 'shop': realm file x"})
     * @throws LygerStartException {@link LygerStartException.Reason#BAD_CONFIGURATION}
     */
    static void checkUsers(Path file, String what)
    {
        BiFunction<String, Throwable, LygerStartException> bad = (why, cause) ->
            new LygerStartException(LygerStartException.Reason.BAD_CONFIGURATION, what + ": " + why, cause);
        Properties users = PropertiesFile.load(file, bad);
        if (users.isEmpty())
            throw bad.apply("defines no user (one a line: name: password, role, ...)", null);
        for (String user : users.stringPropertyNames())
        {
            String value = users.getProperty(user).trim();
            int comma = value.indexOf(',');
            String password = (comma >= 0 ? value.substring(0, comma) : value).trim();
            if (password.isEmpty())
                throw bad.apply("user '" + user.trim() + "' has no password (one a line: name: password, role, ...)", null);
            try
            {
                Credential.getCredential(password);
            }
            catch (RuntimeException x)
            {
                throw bad.apply("user '" + user.trim() + "': unreadable password (" + x.getClass().getSimpleName() + ")", x);
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
}
