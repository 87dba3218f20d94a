package io.lyger.launcher.container;

import java.io.IOException;
import java.io.Reader;
import java.io.StreamTokenizer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.URIParameter;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

import io.lyger.launcher.LygerStartException;
import org.eclipse.jetty.security.LoginService;
import org.eclipse.jetty.security.jaas.JAASLoginService;
import org.eclipse.jetty.security.jaas.spi.PropertyFileLoginModule;

/**
 * JAAS login, as Jetty's {@code jaas} module gives it: {@code --jaas-config=FILE} sets the
 * {@code java.security.auth.login.config} system property to the file (for applications that use JAAS themselves)
 * and adds one {@link JAASLoginService} per entry of the file, whose realm name is the entry's name: a WAR whose
 * {@code <realm-name>} is {@code shop} logs in through the file's {@code shop { ... };} entry. With a single login
 * service on the server (one entry, no other realm), a WAR without a {@code <realm-name>} gets it, as in Jetty.
 * <p>
 * The JDK's parser checks the file ({@link Configuration#getInstance} with the file's {@link URIParameter}); each
 * service is given that parsed configuration rather than the JVM-wide default, which the JDK reads once per JVM, so
 * that a second embedded server with another file uses its own. The JDK lists no entry names: they are read with a
 * {@link StreamTokenizer} set up as the JDK's {@code ConfigFile} sets its own (a word before a top-level {@code {}),
 * then each is looked up in the parsed configuration, so that the two readings cannot disagree silently.
 */
public record JaasRealm(Path file)
{
    /** The system property the JDK's default JAAS configuration reads. */
    public static final String CONFIG_PROPERTY = "java.security.auth.login.config";

    /** A file read and checked: its parsed configuration and entry names. */
    public record Checked(Path file, Configuration configuration, List<String> entries)
    {
        /** @return one login service per entry, named after it. */
        public List<LoginService> newLoginServices()
        {
            System.setProperty(CONFIG_PROPERTY, file.toAbsolutePath().normalize().toString());
            List<LoginService> services = new ArrayList<>();
            for (String entry : entries)
            {
                JAASLoginService service = new JAASLoginService(entry);
                service.setLoginModuleName(entry);
                service.setConfiguration(configuration);
                services.add(service);
            }
            return services;
        }
    }

    /**
     * @throws LygerStartException {@link LygerStartException.Reason#BAD_CONFIGURATION} naming the file when it is
     * missing, unreadable, not a JAAS configuration, has no entry, or names a login module class that does not load;
     * or the users file of a Jetty {@code PropertyFileLoginModule} is missing or malformed (as a {@link RealmFile})
     */
    public Checked check()
    {
        URI uri = file.toAbsolutePath().normalize().toUri();
        List<String> names;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            names = entryNames(reader);
        }
        catch (IOException x)
        {
            throw bad(PropertiesFile.unreadable(x), x);
        }
        Configuration configuration;
        try
        {
            configuration = Configuration.getInstance("JavaLoginConfig", new URIParameter(uri));
        }
        catch (GeneralSecurityException | SecurityException x)
        {
            Throwable cause = x.getCause() != null ? x.getCause() : x;
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().lines().findFirst().orElse("");
            throw bad("not a JAAS configuration: " + message, x);
        }
        if (names.isEmpty())
            throw bad("defines no login entry (name { module flag options; };)", null);
        for (String name : names)
        {
            AppConfigurationEntry[] modules = configuration.getAppConfigurationEntry(name);
            if (modules == null || modules.length == 0)
                throw bad("entry '" + name + "' has no login module", null);
            for (AppConfigurationEntry module : modules)
            {
                try
                {
                    Class.forName(module.getLoginModuleName(), false, JaasRealm.class.getClassLoader());
                }
                catch (ClassNotFoundException | LinkageError x)
                {
                    throw bad("entry '" + name + "': login module class " + module.getLoginModuleName() + " not found", x);
                }
                // Jetty's PropertyFileLoginModule reads its users file at the first login: read it now, as a realm file
                if (PropertyFileLoginModule.class.getName().equals(module.getLoginModuleName()) && module.getOptions().get("file") instanceof String users)
                    RealmFile.checkUsers(Path.of(users), "JAAS configuration " + file + ": entry '" + name + "': users file " + users);
            }
        }
        return new Checked(file, configuration, List.copyOf(names));
    }

    /** @return the names of the top-level entries, in file order. */
    static List<String> entryNames(Reader reader) throws IOException
    {
        StreamTokenizer tokens = new StreamTokenizer(reader);
        tokens.quoteChar('"');
        tokens.wordChars('$', '$');
        tokens.wordChars('_', '_');
        tokens.wordChars('-', '-');
        tokens.wordChars('*', '*');
        tokens.lowerCaseMode(false);
        tokens.slashSlashComments(true);
        tokens.slashStarComments(true);
        tokens.eolIsSignificant(false);
        List<String> names = new ArrayList<>();
        int depth = 0;
        String last = null;
        for (int type = tokens.nextToken(); type != StreamTokenizer.TT_EOF; type = tokens.nextToken())
        {
            if (type == '{')
            {
                if (depth == 0 && last != null)
                    names.add(last);
                depth++;
            }
            else if (type == '}')
                depth = Math.max(0, depth - 1);
            last = depth == 0 && (type == StreamTokenizer.TT_WORD || type == '"') ? tokens.sval : null;
        }
        return names;
    }

    private LygerStartException bad(String why, Throwable cause)
    {
        return new LygerStartException(LygerStartException.Reason.BAD_CONFIGURATION, "JAAS configuration " + file + ": " + why, cause);
    }
}
