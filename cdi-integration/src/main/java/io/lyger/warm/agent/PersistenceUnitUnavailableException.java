package io.lyger.warm.agent;

/**
 * A persistence unit whose database cannot be reached at boot. Its message is the whole story (unit name, JDBC URL,
 * the driver's reason) and it has no cause, so that the one line a launcher shows from the root cause of a failed
 * deployment is this one.
 */
public class PersistenceUnitUnavailableException extends RuntimeException
{
    public PersistenceUnitUnavailableException(String message)
    {
        super(message, null, false, false);
    }
}
