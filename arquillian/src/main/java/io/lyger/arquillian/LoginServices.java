package io.lyger.arquillian;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.lyger.launcher.LygerStartException;
import io.lyger.launcher.container.RealmFile;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.LoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.util.security.Credential;
import org.jboss.arquillian.container.spi.ConfigurationException;

/** The login service of each deployment, from the {@code users} or {@code realmFile} of arquillian.xml. */
final class LoginServices
{
    /** One user: name, password, roles. */
    record User(String name, String password, List<String> roles)
    {
    }

    private LoginServices()
    {
    }

    /** @return a new login service (one per web application: each stops its own), or null when none is configured. */
    static LoginService create(LygerContainerConfiguration configuration)
    {
        if (configuration.getRealmFile() != null && !configuration.getRealmFile().isBlank())
            return realmFile(configuration.getRealmName(), Path.of(configuration.getRealmFile()));
        if (configuration.getUsers() == null || configuration.getUsers().isBlank())
            return null;
        HashLoginService loginService = new HashLoginService(configuration.getRealmName());
        UserStore store = new UserStore();
        for (User user : parseUsers(configuration.getUsers()))
            store.addUser(user.name(), Credential.getCredential(user.password()), user.roles().toArray(String[]::new));
        loginService.setUserStore(store);
        return loginService;
    }

    /** The realm file read and checked as {@code lyger serve --realm} reads it, so a bad one is one line naming it. */
    static LoginService realmFile(String realmName, Path file)
    {
        RealmFile realm = new RealmFile(realmName, file);
        try
        {
            realm.check();
        }
        catch (LygerStartException x)
        {
            throw new ConfigurationException("lyger: realmFile: " + x.getMessage());
        }
        return realm.newLoginService();
    }

    /**
     * @return the users of {@code text}: entries separated by {@code ;} or new lines, each {@code name: password,
     * role, role} (the name is what comes before the first colon, so a certificate DN fits)
     */
    static List<User> parseUsers(String text)
    {
        List<User> users = new ArrayList<>();
        for (String entry : text.split("[;\\n]"))
        {
            if (entry.isBlank())
                continue;
            int colon = entry.indexOf(':');
            if (colon <= 0)
                throw new ConfigurationException("lyger: users: '" + entry.strip() + "' is not 'name: password, role, ...'");
            String[] rest = entry.substring(colon + 1).split(",", -1);
            List<String> roles = new ArrayList<>();
            for (int i = 1; i < rest.length; i++)
            {
                if (!rest[i].isBlank())
                    roles.add(rest[i].strip());
            }
            users.add(new User(entry.substring(0, colon).strip(), rest[0].strip(), List.copyOf(roles)));
        }
        return users;
    }
}
