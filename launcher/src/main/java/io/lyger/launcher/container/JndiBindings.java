package io.lyger.launcher.container;

import java.util.ArrayList;
import java.util.List;
import javax.naming.NamingException;

import com.zaxxer.hikari.HikariDataSource;
import io.lyger.launcher.LygerStartException;
import org.eclipse.jetty.plus.jndi.EnvEntry;
import org.eclipse.jetty.plus.jndi.NamingEntry;
import org.eclipse.jetty.plus.jndi.Resource;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code --jndi} resources of one server, bound at server scope before it starts (Jetty's {@link Resource} and
 * {@link EnvEntry} with the {@link Server} as scope), and released when it stops: names unbound, pools closed. Binding
 * happens before {@code Server.start()} rather than in a bean's start, so that a pool that cannot connect is told from
 * a port that cannot be listened on.
 */
public final class JndiBindings implements LifeCycle.Listener
{
    private static final Logger LOG = LoggerFactory.getLogger(JndiBindings.class);

    private final List<NamingEntry> entries = new ArrayList<>();
    private final List<HikariDataSource> pools = new ArrayList<>();

    private JndiBindings()
    {
    }

    /**
     * Opens the pools and binds every resource of {@code files} in {@code server}'s scope; on failure, releases what
     * was bound and closes what was opened.
     *
     * @throws LygerStartException {@link LygerStartException.Reason#RESOURCE_FAILED} naming the resource
     */
    public static JndiBindings bind(Server server, List<JndiResources> files)
    {
        JndiBindings bindings = new JndiBindings();
        try
        {
            for (JndiResources file : files)
            {
                for (JndiResources.EnvEntryDefinition entry : file.envEntries())
                    bindings.entries.add(bindOrFail(file, entry.name(), () -> new EnvEntry(server, entry.name(), entry.value(), entry.override())));
                for (JndiResources.DataSourceDefinition definition : file.dataSources())
                {
                    PooledDataSource dataSource = new PooledDataSource(file.file(), definition);
                    HikariDataSource pool = dataSource.open();
                    bindings.pools.add(pool);
                    bindings.entries.add(bindOrFail(file, definition.name(), () -> new Resource(server, definition.name(), pool)));
                    LOG.info("JNDI resource {}: a connection pool on {}", definition.name(), dataSource.displayUrl());
                }
            }
        }
        catch (RuntimeException x)
        {
            bindings.release();
            throw x;
        }
        server.addEventListener(bindings);
        return bindings;
    }

    private interface Binding
    {
        NamingEntry bind() throws NamingException;
    }

    private static NamingEntry bindOrFail(JndiResources file, String name, Binding binding)
    {
        try
        {
            return binding.bind();
        }
        catch (NamingException x)
        {
            throw new LygerStartException(LygerStartException.Reason.RESOURCE_FAILED,
                "JNDI resource " + name + " (" + file.file() + "): cannot bind it: " + x.getMessage(), x);
        }
    }

    @Override
    public void lifeCycleStopped(LifeCycle event)
    {
        release();
    }

    private void release()
    {
        for (NamingEntry entry : entries)
        {
            try
            {
                entry.release();
            }
            catch (RuntimeException x)
            {
                LOG.warn("Unbinding {} failed: {}", entry.getJndiName(), x.toString());
            }
        }
        entries.clear();
        for (HikariDataSource pool : pools)
            pool.close();
        pools.clear();
    }
}
