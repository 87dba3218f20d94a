package io.lyger.launcher;

import picocli.CommandLine.Option;

/** {@code serve}'s option for where HTTP sessions are kept (see {@link io.lyger.launcher.container.SessionStore}). */
final class SessionsMixin
{
    @Option(names = "--sessions", paramLabel = "URL", defaultValue = "memory",
        description = "Where HTTP sessions are kept: memory (each instance's own), file:DIR (kept across restarts, one instance a directory), "
            + "or a JDBC URL such as jdbc:postgresql://host/db?user=U&password=P, shared by instances behind a load balancer "
            + "(default: ${DEFAULT-VALUE}).")
    String sessions;

    void apply(Lyger.Builder builder)
    {
        builder.sessions(sessions);
    }
}
