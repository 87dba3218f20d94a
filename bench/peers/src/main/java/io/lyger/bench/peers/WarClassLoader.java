package io.lyger.bench.peers;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A web application's class loader for {@link UndertowPeer}: WEB-INF/classes and WEB-INF/lib first, then the server's
 * class path, as the servlet specification (10.7.2) asks and as Tomcat's and Jetty's own web application class loaders
 * do; only the Java platform and the servlet API always come from the server. Undertow leaves the class loader to its
 * embedder (WildFly brings its own modules), hence this one. The sample's servlet classes are on the peers' class
 * path too (for the servlets' root context): child first, the WAR's copies are the ones its CDI container sees.
 */
final class WarClassLoader extends URLClassLoader
{
    static
    {
        registerAsParallelCapable();
    }

    /** Packages loaded from the server only (the contract between the container and the application). */
    private static final List<String> SERVER_FIRST = List.of("java.", "javax.", "jdk.", "sun.", "jakarta.servlet.");

    WarClassLoader(String name, URL[] urls, ClassLoader parent)
    {
        super(name, urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException
    {
        synchronized (getClassLoadingLock(name))
        {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null && SERVER_FIRST.stream().noneMatch(name::startsWith))
            {
                try
                {
                    loaded = findClass(name);
                }
                catch (ClassNotFoundException notInTheWar)
                {
                    // the server's, below
                }
            }
            if (loaded == null)
                loaded = getParent().loadClass(name);
            if (resolve)
                resolveClass(loaded);
            return loaded;
        }
    }

    @Override
    public URL getResource(String name)
    {
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException
    {
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }
}
