package io.lyger.launcher.container;

import java.sql.SQLException;

import org.eclipse.jetty.session.AbstractSessionDataStoreFactory;
import org.eclipse.jetty.session.DatabaseAdaptor;
import org.eclipse.jetty.session.JDBCSessionDataStore;
import org.eclipse.jetty.session.SessionData;
import org.eclipse.jetty.session.SessionDataStore;
import org.eclipse.jetty.session.SessionManager;

/**
 * Jetty's {@link JDBCSessionDataStore}, whose first save of a session (an INSERT) becomes an UPDATE when the row is
 * already there. Jetty inserts when its copy of the session has never been saved; with instances sharing a table and
 * clients whose next request reaches an instance while the previous one is still leaving the session, a new session
 * can be saved for the "first" time twice, and the second INSERT would fail on the primary key, losing that change
 * and, since Jetty then keeps the copy as never saved, every later one. Written by the same instance, the row then
 * holds this copy, as an UPDATE would have made it.
 */
final class UpsertingJdbcSessionDataStore extends JDBCSessionDataStore
{
    @Override
    protected void doInsert(String id, SessionData data) throws Exception
    {
        try
        {
            super.doInsert(id, data);
        }
        catch (SQLException x)
        {
            // SQLSTATE class 23: integrity constraint violation (23505 unique_violation on PostgreSQL, H2 and others)
            if (x.getSQLState() == null || !x.getSQLState().startsWith("23"))
                throw x;
            doUpdate(id, data);
        }
    }

    /** As Jetty's {@code JDBCSessionDataStoreFactory}, with Jetty's default table, making this store. */
    static final class Factory extends AbstractSessionDataStoreFactory
    {
        private final DatabaseAdaptor adaptor;

        Factory(DatabaseAdaptor adaptor)
        {
            this.adaptor = adaptor;
        }

        @Override
        public SessionDataStore getSessionDataStore(SessionManager manager)
        {
            UpsertingJdbcSessionDataStore store = new UpsertingJdbcSessionDataStore();
            store.setDatabaseAdaptor(adaptor);
            store.setGracePeriodSec(getGracePeriodSec());
            store.setSavePeriodSec(getSavePeriodSec());
            return store;
        }
    }
}
