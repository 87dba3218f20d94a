package io.lyger.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import io.lyger.connector.LygerConnector;
import io.lyger.connector.StaticFileRegions;
import io.lyger.launcher.container.ContextXml;
import io.lyger.launcher.container.JmxSupport;
import io.lyger.launcher.container.JspSupport;
import io.lyger.launcher.container.ServerResources;
import io.lyger.launcher.container.SessionStore;
import io.lyger.launcher.container.UpgradeOnlyWebSocketFilter;
import io.lyger.warm.TrainedLatency;
import io.lyger.warm.WarmOptions;
import io.lyger.warm.WarmStart;
import io.lyger.warm.WarmupSource;
import org.eclipse.jetty.ee11.quickstart.QuickStartConfiguration;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.security.LoginService;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Entry point of the programmatic API:
 * <pre>{@code
 * LygerServer server = Lyger.server()
 *     .war(Path.of("app.war")).contextPath("/")
 *     .host("0.0.0.0").port(8080)
 *     .connector(ConnectorKind.NATIVE)
 *     .https(8443, sslContextFactory) // optional: HTTPS beside HTTP, see Builder#https
 *     .start();
 * ...
 * server.stop(); // graceful: in-flight requests complete (up to the stop timeout)
 * }</pre>
 */
public final class Lyger
{
    /** The fewest threads {@link Builder#threads(int)} accepts: the native engine's event loops need a few. */
    public static final int MIN_THREADS = 8;

    private Lyger()
    {
    }

    /** @return a builder for a server; nothing happens until {@link Builder#start()}. */
    public static Builder server()
    {
        return new Builder();
    }

    /** @return Lyger's version, from the build. */
    public static String version()
    {
        Properties properties = new Properties();
        try (InputStream in = Lyger.class.getResourceAsStream("version.properties"))
        {
            if (in != null)
                properties.load(in);
        }
        catch (IOException ignored)
        {
            // fall through to "unknown"
        }
        return properties.getProperty("version", "unknown");
    }

    /** Collects the configuration of a {@link LygerServer}. Not thread-safe; single use is not required. */
    public static final class Builder
    {
        private final List<Path> wars = new ArrayList<>();
        private final List<String> contextPaths = new ArrayList<>();
        private String host;
        private int port = 8080;
        private ConnectorKind connector = ConnectorKind.NATIVE;
        private Duration stopTimeout = Duration.ofSeconds(30);
        private boolean stopAtShutdown = true;
        private WarmOptions warm;
        private int maxThreads;
        private boolean openWhenReady;
        private boolean noWars;
        private Consumer<HttpConfiguration> httpConfiguration = config -> { };
        private boolean jmx = true;
        private boolean proxyProtocol;
        private boolean forwarded;
        private final ServerResources resources = new ServerResources();
        private HttpsListener https;
        private SessionStore sessions = SessionStore.of("memory");
        private final List<WarmupSource> warmupSources = new ArrayList<>();
        private TrainedLatency jitTarget;
        private UnaryOperator<Handler> applicationWrapper = UnaryOperator.identity();
        private final List<Consumer<WebAppContext>> webAppConfigurers = new ArrayList<>();

        private Builder()
        {
        }

        /**
         * Adds a web application: a WAR file or an exploded WAR directory. Its context path is the one given next
         * with {@link #contextPath(String)}; without one it is {@code "/"} if it is the only WAR, otherwise its file
         * name without {@code .war} ({@code ROOT.war} is {@code "/"}).
         */
        public Builder war(Path war)
        {
            wars.add(Objects.requireNonNull(war, "war"));
            contextPaths.add(null);
            return this;
        }

        /** Adds a web application at {@code contextPath}. */
        public Builder war(Path war, String contextPath)
        {
            return war(war).contextPath(contextPath);
        }

        /**
         * Lets {@link #start()} start a server with no WAR, which serves only {@code /_lyger/} until
         * {@link LygerServer#deploy} adds web applications (an embedded test container does); without it, starting
         * with no WAR is taken for a mistake.
         */
        public Builder noWars()
        {
            this.noWars = true;
            return this;
        }

        /** Sets the context path of the WAR added last. */
        public Builder contextPath(String contextPath)
        {
            if (wars.isEmpty())
                throw new IllegalStateException("contextPath(...) applies to the WAR added last: call war(...) first");
            contextPaths.set(contextPaths.size() - 1, Deployment.normalizeContextPath(contextPath));
            return this;
        }

        /** @param host the interface to listen on, a name or an address; null (the default) for all of them. */
        public Builder host(String host)
        {
            this.host = host == null || host.isBlank() ? null : host.trim();
            return this;
        }

        /** @param port the TCP port, 0 for any free one ({@link LygerServer#port()} tells which); default 8080. */
        public Builder port(int port)
        {
            if (port < 0 || port > 65535)
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            this.port = port;
            return this;
        }

        /** @param connector the HTTP/1.1 engine; default {@link ConnectorKind#NATIVE}. */
        public Builder connector(ConnectorKind connector)
        {
            this.connector = Objects.requireNonNull(connector, "connector");
            return this;
        }

        /** @param stopTimeout how long {@link LygerServer#stop()} waits for in-flight requests; default 30 s. */
        public Builder stopTimeout(Duration stopTimeout)
        {
            if (stopTimeout.isNegative())
                throw new IllegalArgumentException("stopTimeout must not be negative");
            this.stopTimeout = stopTimeout;
            return this;
        }

        /** @param stopAtShutdown whether a JVM shutdown (SIGTERM, Ctrl+C) stops the server gracefully; default true. */
        public Builder stopAtShutdown(boolean stopAtShutdown)
        {
            this.stopAtShutdown = stopAtShutdown;
            return this;
        }

        /**
         * @param warm how warm deployments get before {@link #start()} returns (CDI beans, persistence units, JIT),
         * and what {@code /_lyger/} serves; default {@link WarmOptions#defaults()}, {@link WarmOptions#cold()} for
         * a stock start
         */
        public Builder warm(WarmOptions warm)
        {
            this.warm = Objects.requireNonNull(warm, "warm");
            return this;
        }

        /**
         * @param maxThreads the most threads of the server's {@code QueuedThreadPool} (they run requests and the
         * native engine's event loops); 0 (the default) keeps Jetty's default, 200
         */
        public Builder threads(int maxThreads)
        {
            if (maxThreads != 0 && maxThreads < MIN_THREADS)
                throw new IllegalArgumentException("threads must be at least " + MIN_THREADS + ", got " + maxThreads);
            this.maxThreads = maxThreads;
            return this;
        }

        /**
         * @param openWhenReady when true, the port opens only once every web application has started and the warm-up
         * (see {@link #warm(WarmOptions)}) has ended: until then a client's connection is refused rather than queued,
         * so a load balancer probing the port never sees a cold server. The warm-up then reaches the server through a
         * loopback connector of its own on a free port, closed once the public port is open. Default false: the
         * port is bound first (so that a port in use fails the start at once), and connections wait in its backlog
         * until the server starts.
         */
        public Builder openWhenReady(boolean openWhenReady)
        {
            this.openWhenReady = openWhenReady;
            return this;
        }

        /**
         * @param customizer applied to the {@link HttpConfiguration} of the server's connector before it opens (the
         * native engine reads its header sizes when it starts listening): relative redirects, cookie, URI and HTTP
         * compliance, header sizes. Lyger's own defaults (no {@code Server} header, no {@code X-Powered-By}) are
         * set before it runs.
         */
        public Builder httpConfiguration(Consumer<HttpConfiguration> customizer)
        {
            this.httpConfiguration = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * Adds an HTTPS listener on {@code port} (0 for any free one, {@link LygerServer#httpsPort()} tells which) beside
         * the HTTP one: a LygerConnector with an {@code SslConnectionFactory} over {@code ssl} and an
         * {@code HttpConnectionFactory} whose configuration is the HTTP one's plus a {@link SecureRequestCustomizer}, as
         * Jetty's {@code https} module builds it. The native engine terminates TLS where it can
         * ({@link LygerServer#isNativeTls()}), else Jetty's SslConnectionFactory does. {@code ssl} becomes a bean of
         * the server (where Jetty's CLIENT-CERT authenticator finds it); a keystore it cannot load fails
         * {@link #start()} with {@link LygerStartException.Reason#BAD_CONFIGURATION}.
         */
        public Builder https(int port, SslContextFactory.Server ssl)
        {
            if (port < 0 || port > 65535)
                throw new IllegalArgumentException("https port must be between 0 and 65535, got " + port);
            HttpsListener listener = new HttpsListener(port, Objects.requireNonNull(ssl, "ssl"));
            if (https != null)
                listener.secureRequest(https.secureRequest());
            this.https = listener;
            return this;
        }

        /**
         * @param proxyProtocol whether every connection starts with a PROXY protocol header (v1 or v2, as HAProxy's
         * {@code send-proxy}/{@code send-proxy-v2} and cloud load balancers send it), read as Jetty's
         * {@code ProxyConnectionFactory} reads it: applications see the client's address it carries. A connection with
         * a malformed header is closed; one that starts with no header is served as plain HTTP (as Jetty does: the
         * warm-up and direct health checks still work). Default false.
         */
        public Builder proxyProtocol(boolean proxyProtocol)
        {
            this.proxyProtocol = proxyProtocol;
            return this;
        }

        /**
         * @param customizer applied to the HTTPS listener's {@link SecureRequestCustomizer} (HSTS, SNI checks), after
         * Lyger's default: no SNI host check (clients reaching the server by an address its certificate does not name
         * are served; turn it on with {@code setSniHostCheck(true)})
         */
        public Builder secureRequest(Consumer<SecureRequestCustomizer> customizer)
        {
            if (https == null)
                throw new IllegalStateException("secureRequest(...) configures the HTTPS listener: call https(...) first");
            https.secureRequest(Objects.requireNonNull(customizer, "customizer"));
            return this;
        }

        /**
         * @param forwarded whether {@code Forwarded} and {@code X-Forwarded-*} request headers set the client's address,
         * the scheme and the host applications see (Jetty's {@code ForwardedRequestCustomizer}, its defaults). Only for
         * a server that only a trusted proxy reaches: any client can send these headers. Default false.
         */
        public Builder forwarded(boolean forwarded)
        {
            this.forwarded = forwarded;
            return this;
        }

        /**
         * Adds a login service named {@code name} over a realm file in Jetty's {@code HashLoginService} format (one user a
         * line: {@code name: password, role, ...}). A WAR's {@code <realm-name>} picks the service of that name; a WAR
         * without one gets the server's only login service, if there is exactly one. May repeat.
         */
        public Builder realm(String name, Path file)
        {
            resources.realm(name, file);
            return this;
        }

        /** Adds a login service of your own (a bean of the server, chosen by realm name as {@link #realm} ones are). */
        public Builder loginService(LoginService loginService)
        {
            resources.loginService(loginService);
            return this;
        }

        /**
         * @param jmx whether Jetty's MBeans (server, connectors, thread pool, web applications) are registered on the
         * platform MBeanServer while the server runs, for JConsole, hawtio or Jolokia; default true
         */
        public Builder jmx(boolean jmx)
        {
            this.jmx = jmx;
            return this;
        }

        /**
         * JAAS: sets {@code java.security.auth.login.config} to {@code file} and adds one Jetty {@code JAASLoginService}
         * per entry of the file, named after the entry (a WAR's {@code <realm-name>} names the entry it logs in with).
         */
        public Builder jaasConfig(Path file)
        {
            resources.jaasConfig(file);
            return this;
        }

        /**
         * Binds the resources of a JNDI properties file at server scope (pooled DataSources, env-entries), where WARs'
         * {@code resource-ref}, {@code env-entry} and {@code @Resource} find them; see the README for the format.
         */
        public Builder jndi(Path file)
        {
            resources.jndi(file);
            return this;
        }

        /**
         * @param url where HTTP sessions are kept, through Jetty's session stores: {@code memory} (the default, each
         * JVM's own), {@code file:DIR} (Jetty's {@code FileSessionDataStore}: sessions outlive a restart; one instance a
         * directory) or a
         * JDBC URL such as {@code jdbc:postgresql://host/db?user=u&password=p} (Jetty's {@code JDBCSessionDataStore},
         * shared by instances behind a load balancer); see {@link SessionStore} for the cache and save settings.
         * A store that cannot be reached fails {@link #start()} with {@link LygerStartException.Reason#RESOURCE_FAILED}.
         * @throws IllegalArgumentException for a URL of another kind
         */
        public Builder sessions(String url)
        {
            this.sessions = SessionStore.of(url);
            return this;
        }

        /**
         * Adds a source of warm-up requests (a training profile's recorded plan) to what each WAR declares; its
         * requests are replayed as declared ones are (see {@link WarmStart#addWarmupSource}).
         */
        public Builder warmupSource(WarmupSource source)
        {
            warmupSources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /**
         * The latency a training run's warm-up reached: this start's JIT warm-up stops once within a small factor of
         * it (see {@link TrainedLatency}); null: it stops when latency stops improving, as without.
         */
        public Builder jitTarget(TrainedLatency target)
        {
            this.jitTarget = target;
            return this;
        }

        /**
         * @param wrapper wraps the handler of the web applications (behind the reserved {@code /_lyger/} prefix), for
         * a handler that sees every request the applications get ({@code lyger train --record} records them)
         */
        public Builder wrapApplications(UnaryOperator<Handler> wrapper)
        {
            this.applicationWrapper = Objects.requireNonNull(wrapper, "wrapper");
            return this;
        }

        /**
         * @param configurer has a look at each web application given here before it starts (a training profile makes
         * them start from, or write, their quickstart descriptors)
         */
        public Builder configureWebApps(Consumer<WebAppContext> configurer)
        {
            webAppConfigurers.add(Objects.requireNonNull(configurer, "configurer"));
            return this;
        }

        /**
         * Deploys the WARs, starts listening, warms up (see {@link #warm(WarmOptions)}); returns once every web
         * application has started and the warm-up has ended, when {@code /_lyger/health/ready} answers 200.
         *
         * @throws LygerStartException if a WAR is missing, corrupt or fails to deploy, a realm, JAAS or JNDI file is
         * bad, a JNDI pool or the session store cannot connect, or the address cannot be listened on; the server is stopped again and
         * nothing is left listening
         */
        public LygerServer start()
        {
            List<Deployment> deployments = deployments();
            for (Deployment deployment : deployments)
                checkWar(deployment.war());

            QueuedThreadPool threadPool = new QueuedThreadPool();
            threadPool.setName("lyger");
            if (maxThreads > 0)
            {
                threadPool.setMaxThreads(maxThreads);
                threadPool.setMinThreads(Math.min(threadPool.getMinThreads(), maxThreads));
            }
            Server server = new Server(threadPool);
            resources.install(server); // login services and JNDI resources: bad files fail here, before anything starts
            sessions.install(server); // an unreachable session store, too

            HttpConfiguration httpConfig = new HttpConfiguration();
            httpConfig.setSendServerVersion(false);
            httpConfig.setSendXPoweredBy(false);
            if (forwarded)
                httpConfig.addCustomizer(new ForwardedRequestCustomizer());
            httpConfiguration.accept(httpConfig);
            LygerConnector connector = new LygerConnector(server, httpConfig);
            connector.setHost(host);
            connector.setPort(port);
            // only the public connector: the warm-up connector below is reached by the server itself, without a proxy
            connector.setProxyProtocol(proxyProtocol);
            // JETTY keeps the LygerConnector and forces its ServerConnector fallback rather than adding a plain
            // ServerConnector: both kinds then share the same configuration, port handling and logging, so a
            // comparison between them measures the engine and nothing else.
            connector.setForceFallback(this.connector == ConnectorKind.JETTY);
            LygerConnector httpsConnector = https == null ? null
                : https.newConnector(server, httpConfig, host, this.connector == ConnectorKind.JETTY);
            if (httpsConnector != null)
                httpsConnector.setProxyProtocol(proxyProtocol); // TLS passed through by the balancer: PROXY, then TLS
            // With openWhenReady the public connector is added after the warm-up; until then the warm-up reaches the
            // server through a connector on a free loopback port.
            LygerConnector warmupConnector = null;
            if (openWhenReady)
            {
                warmupConnector = new LygerConnector(server, httpConfig);
                warmupConnector.setHost("127.0.0.1");
                warmupConnector.setPort(0);
                warmupConnector.setForceFallback(this.connector == ConnectorKind.JETTY);
                server.addConnector(warmupConnector);
            }
            else
                server.addConnector(connector);
            if (httpsConnector != null && !openWhenReady)
                server.addConnector(httpsConnector);

            ContextHandlerCollection contexts = new ContextHandlerCollection();
            List<WebAppContext> webApps = new ArrayList<>();
            WarmOptions warmOptions = warm != null ? warm : WarmOptions.defaults();
            WarmStart warmStart = new WarmStart(warmOptions);
            warmupSources.forEach(warmStart::addWarmupSource);
            warmStart.setJitTarget(jitTarget);
            for (int i = 0; i < deployments.size(); i++)
            {
                WebAppContext webApp = newWebApp(deployments.get(i), server);
                // a context XML may have moved it
                deployments.set(i, new Deployment(deployments.get(i).war(), webApp.getContextPath()));
                webAppConfigurers.forEach(configurer -> configurer.accept(webApp));
                warmStart.configure(webApp);
                contexts.addHandler(webApp);
                webApps.add(webApp);
            }
            // The reserved prefix (/_lyger/: health, metrics) is answered in front of every web application, by the
            // handler that also counts in-flight requests (in place of Jetty's GracefulHandler, at one object a
            // request), so that Server.stop() (with a stop timeout) first stops accepting, then waits for them.
            server.setHandler(warmStart.wrap(applicationWrapper.apply(contexts)));
            warmStart.attach(server);
            server.addBean(warmStart); // a plain bean: serve --watch warms up a redeployed WAR through it (WarWatcher)
            server.setStopTimeout(stopTimeout.toMillis());
            server.setStopAtShutdown(stopAtShutdown);

            try
            {
                if (jmx)
                    JmxSupport.install(server);
                if (https != null)
                    https.checkKeys(); // a bad keystore is one line, not the connector's stack trace
                server.start();
            }
            catch (Throwable failure)
            {
                LygerStartException exception = failure instanceof LygerStartException known ? known
                    : classify(failure, connector, httpsConnector, deployments, webApps);
                try
                {
                    server.setStopTimeout(0);
                    server.stop();
                }
                catch (Throwable x)
                {
                    exception.addSuppressed(x);
                }
                JmxSupport.uninstall(server);
                throw exception;
            }
            if (httpsConnector != null && warmupConnector == null)
                HttpsListener.learnPort(httpsConnector, httpConfig);
            if (warmupConnector == null)
            {
                LygerServer started = new LygerServer(server, connector, httpsConnector, deployments, this.connector, contexts, warmOptions);
                warmStart.warmUp(started.uri());
                return started;
            }
            warmStart.warmUp(URI.create("http://127.0.0.1:" + warmupConnector.getLocalPort() + "/"));
            openLate(server, connector, warmupConnector);
            if (httpsConnector != null)
            {
                openLate(server, httpsConnector, null);
                HttpsListener.learnPort(httpsConnector, httpConfig);
            }
            return new LygerServer(server, connector, httpsConnector, deployments, this.connector, contexts, warmOptions);
        }

        /** openWhenReady: opens a public connector on the started server, then closes the warm-up one (if given). */
        private void openLate(Server server, LygerConnector connector, LygerConnector warmupConnector)
        {
            server.addConnector(connector);
            try
            {
                // Server.addConnector does not start a connector on a running server: Server starts them itself.
                connector.start();
            }
            catch (Throwable failure)
            {
                String address = (host == null ? "0.0.0.0" : host) + ":" + connector.getPort();
                String why = oneLine(rootCause(failure));
                if (failure instanceof BindException || containsIgnoreCase(why, "in use"))
                    why = "address already in use";
                else
                    why = why.replaceFirst("^(?i)cannot listen on \\S+: ", "");
                LygerStartException exception = new LygerStartException(LygerStartException.Reason.CANNOT_LISTEN,
                    "cannot listen on " + address + ": " + why, failure);
                try
                {
                    server.setStopTimeout(0);
                    server.stop();
                }
                catch (Throwable x)
                {
                    exception.addSuppressed(x);
                }
                JmxSupport.uninstall(server);
                throw exception;
            }
            if (warmupConnector == null)
                return;
            server.removeConnector(warmupConnector);
            try
            {
                warmupConnector.stop();
            }
            catch (Exception x)
            {
                org.slf4j.LoggerFactory.getLogger(Lyger.class).warn("Closing the warm-up connector failed: {}", oneLine(x));
            }
        }

        private List<Deployment> deployments()
        {
            if (wars.isEmpty() && !noWars)
                throw new IllegalStateException("no WAR to serve: call war(...) at least once (or noWars())");
            List<Deployment> deployments = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < wars.size(); i++)
            {
                Path war = wars.get(i);
                String contextPath = contextPaths.get(i);
                if (contextPath == null)
                    contextPath = wars.size() == 1 ? "/" : Deployment.defaultContextPath(war);
                if (!seen.add(contextPath))
                    throw new IllegalArgumentException("two WARs would be served at context path " + contextPath + ": give each its own");
                deployments.add(new Deployment(war, contextPath));
            }
            return deployments;
        }

        static void checkWar(Path war)
        {
            if (!Files.exists(war))
                throw new LygerStartException(LygerStartException.Reason.WAR_NOT_FOUND, "no such WAR file or directory: " + war, null);
            if (Files.isDirectory(war))
            {
                if (!Files.isReadable(war) || !Files.isExecutable(war))
                    throw new LygerStartException(LygerStartException.Reason.DEPLOYMENT_FAILED, "cannot deploy " + war + ": directory is not readable", null);
                return;
            }
            // Jetty would fail later, deep in the deployment, with a stack trace: check the archive up front.
            try (ZipFile zip = new ZipFile(war.toFile()))
            {
                if (zip.size() == 0)
                    throw new LygerStartException(LygerStartException.Reason.DEPLOYMENT_FAILED, "cannot deploy " + war + ": the WAR is empty", null);
            }
            catch (ZipException x)
            {
                throw new LygerStartException(LygerStartException.Reason.DEPLOYMENT_FAILED, "cannot deploy " + war + ": not a WAR (not a valid zip archive)", x);
            }
            catch (NoSuchFileException x)
            {
                throw new LygerStartException(LygerStartException.Reason.WAR_NOT_FOUND, "no such WAR file or directory: " + war, x);
            }
            catch (IOException x)
            {
                throw new LygerStartException(LygerStartException.Reason.DEPLOYMENT_FAILED, "cannot deploy " + war + ": cannot read it (" + oneLine(x) + ")", x);
            }
        }

        private LygerStartException classify(Throwable failure, LygerConnector connector, LygerConnector httpsConnector,
                                             List<Deployment> deployments, List<WebAppContext> webApps)
        {
            // Jetty opens the connectors in order, HTTP first: the HTTPS one failed if the HTTP one opened.
            boolean httpsFailed = httpsConnector != null && connector.isOpen() && !httpsConnector.isOpen();
            String address = (host == null ? "0.0.0.0" : host) + ":" + (httpsFailed ? httpsConnector.getPort() : port);
            // The server opens its connectors before it deploys anything, so a failed open has no web app started.
            for (int i = 0; i < webApps.size(); i++)
            {
                WebAppContext webApp = webApps.get(i);
                Throwable unavailable = webApp.getUnavailableException();
                if (webApp.isFailed() || unavailable != null)
                {
                    Throwable cause = unavailable != null ? unavailable : failure;
                    return new LygerStartException(LygerStartException.Reason.DEPLOYMENT_FAILED,
                        "cannot deploy " + deployments.get(i).war() + " at " + deployments.get(i).contextPath() + ": " + oneLine(rootCause(cause)), failure);
                }
            }
            for (Throwable t = failure; t != null; t = t.getCause())
            {
                // Jetty's ServerConnector fails with a java.net.BindException, the native engine with an IOException
                // such as "address 127.0.0.1:8080 is already in use": both say "in use".
                if (t instanceof BindException || containsIgnoreCase(t.getMessage(), "in use"))
                {
                    String why = t.getMessage() == null || containsIgnoreCase(t.getMessage(), "in use")
                        ? "address already in use" : t.getMessage().lines().findFirst().orElse("").toLowerCase(Locale.ROOT);
                    return new LygerStartException(LygerStartException.Reason.CANNOT_LISTEN, "cannot listen on " + address + ": " + why, failure);
                }
            }
            if ((!connector.isStarted() || httpsFailed) && webApps.stream().noneMatch(WebAppContext::isStarted))
            {
                // The native engine's messages already start with "cannot listen on host:port: ".
                String why = oneLine(rootCause(failure)).replaceFirst("^(?i)cannot listen on \\S+: ", "");
                return new LygerStartException(LygerStartException.Reason.CANNOT_LISTEN, "cannot listen on " + address + ": " + why, failure);
            }
            return new LygerStartException(LygerStartException.Reason.OTHER, "cannot start: " + oneLine(rootCause(failure)), failure);
        }
    }

    /**
     * @return a web application for {@code deployment}, configured as every Lyger deployment is (CDI aside), its
     * context XML last (see {@link ContextXml}: it may change the context path)
     * @throws LygerStartException if its context XML is malformed or fails
     */
    static WebAppContext newWebApp(Deployment deployment, Server server)
    {
        WebAppContext webApp = new WebAppContext();
        webApp.setWar(deployment.war().toAbsolutePath().normalize().toString());
        webApp.setContextPath(deployment.contextPath());
        // A servlet that fails to load fails the deployment instead of answering 503 later.
        webApp.setThrowUnavailableOnStartupException(true);
        JspSupport.configure(webApp);
        UpgradeOnlyWebSocketFilter.install(webApp);
        ContextXml.apply(webApp, deployment.war(), server);
        ServerResources.configure(webApp);
        SessionStore.configure(webApp, server);
        // Jetty's quickstart is on the class path for training profiles, which turn it on themselves: without one a
        // WAR is scanned as always, even when it holds a WEB-INF/quickstart-web.xml of its own.
        // (Not Configurations.remove: a List's remove(Object) would take the class and remove nothing.)
        webApp.getConfigurations();
        webApp.removeConfiguration(QuickStartConfiguration.class);
        StaticFileRegions.install(webApp);
        return webApp;
    }

    static Throwable rootCause(Throwable failure)
    {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root)
            root = root.getCause();
        return root;
    }

    private static final java.util.regex.Pattern CLASS_LOADING_ERROR =
        java.util.regex.Pattern.compile("Class loading error for holder (.+?)==([\\p{L}\\p{N}_$.]+)@");

    /** @return {@code "SimpleName: first line of message"}, or the message alone for the JDK's plain IOExceptions. */
    public static String oneLine(Throwable failure)
    {
        String message = failure.getMessage() == null ? "" : failure.getMessage().lines().findFirst().orElse("").trim();
        // Jetty's message for a missing servlet/filter class embeds the whole holder dump: keep what matters.
        java.util.regex.Matcher classLoading = CLASS_LOADING_ERROR.matcher(message);
        if (classLoading.find())
            return "ClassNotFoundException: " + classLoading.group(2) + " (for '" + classLoading.group(1) + "')";
        if (message.length() > 300)
            message = message.substring(0, 300) + "...";
        if (message.isEmpty())
            return failure.getClass().getSimpleName();
        if (failure.getClass() == IOException.class)
            return message;
        return failure.getClass().getSimpleName() + ": " + message;
    }

    private static boolean containsIgnoreCase(String text, String part)
    {
        return text != null && text.toLowerCase(Locale.ROOT).contains(part);
    }
}
