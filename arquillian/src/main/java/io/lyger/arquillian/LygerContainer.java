package io.lyger.arquillian;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.lyger.connector.NativeEngine;
import io.lyger.launcher.ConnectorKind;
import io.lyger.launcher.Lyger;
import io.lyger.launcher.LygerServer;
import io.lyger.launcher.LygerStartException;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.security.LoginService;
import org.eclipse.jetty.util.ssl.SslContextFactory;
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
    /** The name of the HTTPContext of the HTTPS listener: {@code @ArquillianResource @TargetsContainer("https") URL}. */
    public static final String HTTPS_CONTEXT = "https";
    /** The name of the HTTPContext of the plain HTTP listener: {@code @ArquillianResource @TargetsContainer("http") URL}. */
    public static final String HTTP_CONTEXT = "http";

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
        try
        {
            exportRoot = Files.createDirectories(exportRoot());
            Lyger.Builder builder = Lyger.server()
                .noWars()
                .host(configuration.getHost())
                .port(configuration.plainPort())
                .connector(configuration.connectorKind())
                .httpConfiguration(configuration.httpSettings()::applyTo)
                .warm(configuration.warmOptions())
                .stopAtShutdown(false);
            if (configuration.tlsPort() >= 0)
            {
                // Tests reach the server as 127.0.0.1 whatever name the certificate has: no SNI host check unless asked for.
                builder.https(configuration.tlsPort(), sslContextFactory()).secureRequest(secure ->
                {
                    secure.setSniHostCheck(configuration.isSniHostCheck());
                    secure.setSniRequired(configuration.isSniRequired());
                });
            }
            server = builder.start();
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
        // Copied into each web application's mime types when it is deployed.
        MimeSettings.applyEncodings(MimeSettings.inferredEncodings(configuration.getInferredEncodings()), server.jetty().getMimeTypes());
        MimeSettings.applyMimeTypes(MimeSettings.mimeTypes(configuration.getMimeTypes()), server.jetty().getMimeTypes());
        LOG.info("Lyger Arquillian container on {} ({} connector){}", server.uri(), server.isNativeConnector() ? "native" : "Jetty's",
            server.httpsPort() < 0 ? "" : ", HTTPS on port " + server.httpsPort() + " (" + tlsEngine() + ")");
        if (configuration.isDumpServerAfterStart())
            server.jetty().dumpStdErr();
    }

    /** @return which engine terminates TLS, and why not the native one when it is Jetty's */
    private String tlsEngine()
    {
        if (server.isNativeTls())
            return "native TLS";
        if (configuration.connectorKind() == ConnectorKind.JETTY)
            return "Jetty's SslConnectionFactory, connector jetty";
        return "Jetty's SslConnectionFactory: " + NativeEngine.tlsUnavailableReason();
    }

    /**
     * The HTTPS listener's keys: the keystore, truststore and client-certificate policy of arquillian.xml. The
     * listener is a LygerConnector with Jetty's SslConnectionFactory (native TLS where the engine has it), and this
     * SslContextFactory is also a bean of the server, where Jetty's CLIENT-CERT authenticator looks for it.
     */
    private SslContextFactory.Server sslContextFactory()
    {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(Path.of(configuration.getKeystore()).toAbsolutePath().toString());
        ssl.setKeyStorePassword(configuration.getKeystorePassword());
        ssl.setKeyStoreType(storeType(configuration.getKeystoreType(), configuration.getKeystore()));
        if (configuration.getTruststore() != null && !configuration.getTruststore().isBlank())
        {
            ssl.setTrustStorePath(Path.of(configuration.getTruststore()).toAbsolutePath().toString());
            ssl.setTrustStorePassword(configuration.getTruststorePassword());
            ssl.setTrustStoreType(storeType(configuration.getTruststoreType(), configuration.getTruststore()));
        }
        switch (configuration.getClientAuth().trim().toLowerCase(Locale.ROOT))
        {
            case "want" -> ssl.setWantClientAuth(true);
            case "need" -> ssl.setNeedClientAuth(true);
            default -> { }
        }
        ssl.setSniRequired(configuration.isSniRequired());
        return ssl;
    }

    private static String storeType(String type, String path)
    {
        if (type != null && !type.isBlank())
            return type;
        return path.toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
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
        catch (Exception x)
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
            webApp = server.deploy(war, contextPath, this::customize);
        }
        catch (LygerStartException | IllegalArgumentException x)
        {
            delete(exported.remove(contextPath));
            throw new DeploymentException("lyger: " + x.getMessage() + DeploymentFailure.culprit(x, archive), x);
        }
        // The servlets as deployed (web.xml, annotations, fragments, initializers): the servlet protocol finds its
        // runner among them, and @ArquillianResource URL takes the context root from them. The first context is the
        // deployment's URL: the HTTPS listener's when the container is configured with ssl, the plain one's otherwise;
        // either is also reachable by name (@ArquillianResource @TargetsContainer("https") URL, or "http").
        HTTPContext http = new HTTPContext(HTTP_CONTEXT, reachableHost(), server.port());
        HTTPContext secure = server.httpsPort() < 0 ? null : new HTTPContext(HTTPS_CONTEXT, reachableHost(), server.httpsPort(), true);
        List<HTTPContext> contexts = new ArrayList<>(List.of(http));
        if (secure != null)
            contexts.add(configuration.isSsl() ? 0 : 1, secure);
        ProtocolMetaData metaData = new ProtocolMetaData();
        for (HTTPContext context : contexts)
        {
            for (ServletHolder holder : webApp.getServletHandler().getServlets())
                context.add(new Servlet(holder.getName(), contextPath));
            metaData.addContext(context);
        }
        return metaData;
    }

    /**
     * What each web application gets besides Lyger's defaults: the login service (JSP, WebSocket: see the launcher) and what
     * arquillian.xml sets on web applications (class loading order, cross-context dispatch, the defaults descriptor).
     */
    private void customize(WebAppContext webApp)
    {
        webApp.setParentLoaderPriority(configuration.isParentLoaderPriority());
        webApp.setCrossContextDispatchSupported(configuration.isCrossContextDispatchSupported());
        String defaults = configuration.getDefaultsDescriptor();
        if (defaults != null && !defaults.isBlank())
            webApp.setDefaultsDescriptor(defaults.contains(":/") ? defaults.strip() : Path.of(defaults.strip()).toAbsolutePath().toString());
        LoginService loginService = LoginServices.create(configuration);
        if (loginService != null)
            webApp.getSecurityHandler().setLoginService(loginService);
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
