package io.lyger.arquillian;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.lyger.launcher.ConnectorKind;
import io.lyger.launcher.Lyger;
import io.lyger.launcher.LygerServer;
import io.lyger.launcher.LygerStartException;
import io.lyger.warm.WarmOptions;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded Arquillian container: a Lyger server in the test JVM, started once for the test run, to which each
 * {@code @Deployment} WebArchive is deployed at its name without {@code .war} ({@code ROOT.war} at {@code /}).
 */
public class LygerContainer implements DeployableContainer<LygerContainerConfiguration>
{
    private static final Logger LOG = LoggerFactory.getLogger(LygerContainer.class);

    private LygerContainerConfiguration configuration;
    private LygerServer server;
    private Path exportRoot;
    private final Map<String, Path> exported = new ConcurrentHashMap<>();

    @Override
    public Class<LygerContainerConfiguration> getConfigurationClass()
    {
        return LygerContainerConfiguration.class;
    }

    @Override
    public void setup(LygerContainerConfiguration configuration)
    {
        this.configuration = configuration;
    }

    @Override
    public ProtocolDescription getDefaultProtocol()
    {
        // Jetty 12.1 ee11 is a Servlet 6.1 container; the jakarta servlet protocol's newest name is "Servlet 6.0".
        return new ProtocolDescription("Servlet 6.0");
    }

    @Override
    public void start() throws LifecycleException
    {
        WarmOptions warm = WarmOptions.defaults();
        try
        {
            exportRoot = Files.createDirectories(exportRoot());
            server = Lyger.server()
                .noWars()
                .host(configuration.getHost())
                .port(configuration.getPort())
                .connector(configuration.connectorKind())
                .warm(configuration.isWarmup() ? warm : warm.cold())
                .stopAtShutdown(false)
                .start();
        }
        catch (IOException | LygerStartException x)
        {
            throw new LifecycleException("lyger: cannot start the server: " + x.getMessage(), x);
        }
        if (configuration.isRequireNative() && configuration.connectorKind() == ConnectorKind.NATIVE && !server.isNativeConnector())
        {
            server.stop();
            server = null;
            throw new LifecycleException("lyger: requireNative is set but the native engine is not available here (see the log above for why)");
        }
        LOG.info("Lyger Arquillian container on {} ({} connector)", server.uri(), server.isNativeConnector() ? "native" : "Jetty's");
    }

    @Override
    public void stop() throws LifecycleException
    {
        if (server == null)
            return;
        try
        {
            server.stop();
        }
        catch (RuntimeException x)
        {
            throw new LifecycleException("lyger: cannot stop the server: " + x.getMessage(), x);
        }
        finally
        {
            server = null;
        }
    }

    /** @return the running server, for tests of this adapter; null when stopped. */
    public LygerServer server()
    {
        return server;
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException
    {
        String contextPath = contextPath(archive.getName());
        Path war;
        try
        {
            Path directory = Files.createTempDirectory(exportRoot, "deployment-");
            war = directory.resolve(archive.getName());
            archive.as(ZipExporter.class).exportTo(war.toFile(), true);
            exported.put(contextPath, directory);
        }
        catch (IOException | RuntimeException x)
        {
            throw new DeploymentException("lyger: cannot export " + archive.getName() + " to " + exportRoot + ": " + x.getMessage(), x);
        }
        WebAppContext webApp;
        try
        {
            webApp = server.deploy(war, contextPath, context -> {});
        }
        catch (LygerStartException | IllegalArgumentException x)
        {
            delete(exported.remove(contextPath));
            throw new DeploymentException("lyger: " + x.getMessage(), x);
        }
        HTTPContext http = new HTTPContext(reachableHost(), server.port());
        for (ServletHolder holder : webApp.getServletHandler().getServlets())
            http.add(new Servlet(holder.getName(), contextPath));
        return new ProtocolMetaData().addContext(http);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException
    {
        String contextPath = contextPath(archive.getName());
        try
        {
            if (server != null)
                server.undeploy(contextPath);
        }
        catch (RuntimeException x)
        {
            throw new DeploymentException("lyger: " + x.getMessage(), x);
        }
        finally
        {
            delete(exported.remove(contextPath));
        }
    }

    /** @return {@code /name} for {@code name.war}, {@code /} for {@code ROOT.war}. */
    static String contextPath(String archiveName)
    {
        String name = archiveName;
        if (name.toLowerCase(Locale.ROOT).endsWith(".war"))
            name = name.substring(0, name.length() - 4);
        return name.isEmpty() || name.equals("ROOT") ? "/" : "/" + name;
    }

    private String reachableHost()
    {
        String host = server.host();
        if (host == null || host.isBlank() || host.equals("0.0.0.0"))
            return "127.0.0.1";
        if (host.equals("::") || host.equals("[::]"))
            return "::1";
        return host;
    }

    /** Under Maven ({@code basedir} set by Surefire and Failsafe): target/lyger-arquillian; otherwise the temp dir. */
    private static Path exportRoot()
    {
        String basedir = System.getProperty("basedir");
        if (basedir != null && Files.isDirectory(Path.of(basedir, "target")))
            return Path.of(basedir, "target", "lyger-arquillian");
        return Path.of(System.getProperty("java.io.tmpdir"), "lyger-arquillian");
    }

    private static void delete(Path directory)
    {
        if (directory == null)
            return;
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator)
                Files.deleteIfExists(path);
        }
        catch (IOException | UncheckedIOException x)
        {
            LOG.debug("Could not delete {}: {}", directory, x.toString());
        }
    }
}
