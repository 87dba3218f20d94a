package io.lyger.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** {@code serve}'s options for what the server gives every WAR: login services and JNDI resources. */
final class ServerResourcesMixin
{
    @Option(names = "--realm", paramLabel = "NAME=FILE",
        description = "A login service NAME over a realm file in Jetty's HashLoginService format (name: password, role, ...); "
            + "a WAR's <realm-name> picks one, a WAR without one gets the only one. May repeat.")
    List<String> realms = new ArrayList<>();

    @Option(names = "--jaas-config", paramLabel = "FILE",
        description = "A JAAS configuration file: sets java.security.auth.login.config and adds a JAAS login service per entry, "
            + "named after the entry (a WAR's <realm-name> names its entry).")
    Path jaasConfig;

    @Option(names = "--jndi", paramLabel = "FILE",
        description = "A properties file of JNDI resources bound for every WAR: pooled DataSources (NAME.type=DataSource, NAME.url=...) "
            + "and env-entries (NAME.value=...). May repeat.")
    List<Path> jndi = new ArrayList<>();

    void apply(Lyger.Builder builder)
    {
        for (String realm : realms)
        {
            int equals = realm.indexOf('=');
            if (equals <= 0 || equals == realm.length() - 1)
                throw new IllegalArgumentException("--realm takes NAME=FILE, got '" + realm + "'");
            builder.realm(realm.substring(0, equals).trim(), Path.of(realm.substring(equals + 1).trim()));
        }
        if (jaasConfig != null)
            builder.jaasConfig(jaasConfig);
        for (Path file : jndi)
            builder.jndi(file);
    }
}
