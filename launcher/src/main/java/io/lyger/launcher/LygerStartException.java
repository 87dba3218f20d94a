package io.lyger.launcher;

/**
 * Starting a {@link LygerServer} failed. The message is one line meant for a person (no class names unless they are
 * the cause); {@link #reason()} tells what kind of failure it was, and the CLI maps it to its exit code.
 */
public class LygerStartException extends RuntimeException
{
    /** What went wrong; each maps to one CLI exit code. */
    public enum Reason
    {
        /** A WAR file or directory does not exist. CLI exit code 2. */
        WAR_NOT_FOUND(2),
        /** The address cannot be listened on: in use, not permitted, not local. CLI exit code 3. */
        CANNOT_LISTEN(3),
        /** A WAR is unreadable or corrupt, or its deployment failed. CLI exit code 4. */
        DEPLOYMENT_FAILED(4),
        /** A configuration file (realm, JAAS, JNDI) is missing, unreadable or malformed. CLI exit code 2. */
        BAD_CONFIGURATION(2),
        /** A server resource cannot start: a JNDI DataSource's pool or the session store cannot connect. CLI exit code 4. */
        RESOURCE_FAILED(4),
        /** Anything else. CLI exit code 1. */
        OTHER(1);

        private final int exitCode;

        Reason(int exitCode)
        {
            this.exitCode = exitCode;
        }

        /** @return the exit code of the {@code lyger} command for this failure. */
        public int exitCode()
        {
            return exitCode;
        }
    }

    private final Reason reason;

    public LygerStartException(Reason reason, String message, Throwable cause)
    {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason()
    {
        return reason;
    }
}
