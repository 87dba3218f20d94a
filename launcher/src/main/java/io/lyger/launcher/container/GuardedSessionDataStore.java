package io.lyger.launcher.container;

import java.io.IOException;
import java.io.ObjectStreamException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.eclipse.jetty.session.SessionContext;
import org.eclipse.jetty.session.SessionData;
import org.eclipse.jetty.session.SessionDataStore;
import org.eclipse.jetty.session.SessionDataStoreFactory;
import org.eclipse.jetty.session.SessionManager;
import org.eclipse.jetty.util.component.ContainerLifeCycle;

/**
 * One of Jetty's session data stores (JDBC, file) seen through a {@link SessionStoreHealth}: each load, store,
 * delete and exists that fails marks the store down, one that succeeds marks it up, and while it is down most calls
 * fail at once ({@link Unavailable}) rather than each waiting for the database. Jetty's session manager logs such a
 * failure and goes on as if there were no session; {@link SessionStoreFilter} turns that into a 503.
 * <p>
 * Each session loaded is marked changed, so that it is written before its response rather than after (see
 * {@link #load}). Only a failure to reach the store marks it down ({@link #isOutage}): a session whose data cannot be (de)serialized
 * or that breaks a constraint is that request's problem.
 */
final class GuardedSessionDataStore extends ContainerLifeCycle implements SessionDataStore
{
    private final SessionDataStore store;
    private final SessionStoreHealth health;

    GuardedSessionDataStore(SessionDataStore store, SessionStoreHealth health)
    {
        this.store = store;
        this.health = health;
        addBean(store, true);
    }

    /** Thrown instead of reaching a store that is down. */
    static final class Unavailable extends IOException
    {
        Unavailable(String store)
        {
            super("session store " + store + " is unavailable");
        }
    }

    private interface Operation<T>
    {
        T run() throws Exception;
    }

    private <T> T guard(Operation<T> operation) throws Exception
    {
        if (!health.tryOperation())
            throw new Unavailable(health.store());
        T result;
        try
        {
            result = operation.run();
        }
        catch (Exception x)
        {
            if (isOutage(x))
                health.failed(x);
            throw x;
        }
        health.succeeded();
        return result;
    }

    /**
     * @return true for a failure to reach the store: a connection refused, lost or timed out (SQLSTATE class 08, a
     * server shutting down: 57P), a pool with no connection to give, an I/O error of a file store; false for what a
     * request's own data caused (a constraint violated, a class that does not deserialize), which says nothing about
     * the other requests
     */
    private static boolean isOutage(Throwable failure)
    {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause())
        {
            if (t instanceof ObjectStreamException || t instanceof ClassNotFoundException)
                return false;
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof SQLRecoverableException || t instanceof SQLTimeoutException)
                return true;
            if (t instanceof SQLException sql && sql.getSQLState() != null && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")))
                return true;
            if (t instanceof IOException && !(t instanceof Unavailable))
                return true;
        }
        return false;
    }

    @Override
    public void initialize(SessionContext context) throws Exception
    {
        store.initialize(context);
    }

    @Override
    public SessionData load(String id) throws Exception
    {
        SessionData data = guard(() -> store.load(id));
        // Marked changed: Jetty's flush on response commit then writes it (its last access, so its expiry, with it)
        // before the response goes out, and the save when the request leaves finds nothing to write. A write then,
        // after the response, could land after the client's next request has changed the session on another
        // instance, and undo that change.
        if (data != null)
            data.setDirty(true);
        return data;
    }

    @Override
    public void store(String id, SessionData data) throws Exception
    {
        guard(() ->
        {
            store.store(id, data);
            return null;
        });
    }

    @Override
    public boolean delete(String id) throws Exception
    {
        return guard(() -> store.delete(id));
    }

    @Override
    public boolean exists(String id) throws Exception
    {
        return guard(() -> store.exists(id));
    }

    @Override
    public SessionData newSessionData(String id, long created, long accessed, long lastAccessed, long maxInactiveMs)
    {
        return store.newSessionData(id, created, accessed, lastAccessed, maxInactiveMs);
    }

    @Override
    public Set<String> getExpired(Set<String> candidates)
    {
        // Jetty's stores log and skip what they cannot check; the scavenger tries again at its next run
        return store.getExpired(candidates);
    }

    @Override
    public boolean isPassivating()
    {
        return store.isPassivating();
    }

    @Override
    public String toString()
    {
        return "Guarded" + store;
    }

    /** Jetty's factory for a context's store, each store it makes guarded by the server's one health. */
    record Factory(SessionDataStoreFactory factory, SessionStoreHealth health) implements SessionDataStoreFactory
    {
        @Override
        public SessionDataStore getSessionDataStore(SessionManager manager) throws Exception
        {
            return new GuardedSessionDataStore(factory.getSessionDataStore(manager), health);
        }
    }
}
