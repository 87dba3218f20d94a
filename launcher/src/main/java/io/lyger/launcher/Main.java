package io.lyger.launcher;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import io.lyger.connector.NativeEngine;
import org.eclipse.jetty.util.Jetty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code lyger} command: {@code serve}, {@code version}, {@code check}.
 * <p>
 * Errors are one line on stderr, {@code lyger: <what went wrong>}, and an exit code: 1 other error, 2 bad usage or
 * missing WAR or bad configuration file, 3 cannot listen (port in use...), 4 WAR corrupt, unreadable or failing to deploy. Logs go to stdout.
 * Set {@code LYGER_DEBUG=1} to also get the stack trace of an error.
 */
public final class Main
{
    static final int EXIT_OK = 0;
    static final int EXIT_ERROR = 1;
    static final int EXIT_USAGE = 2;
    /** The commands a command line may name first; {@code help} (and anything else) gets them all. */
    private static final List<String> NAMED_COMMANDS = List.of("serve", "train", "version", "check");

    private final PrintStream out;
    private final PrintStream err;
    private final Consumer<LygerServer> onStarted;

    /**
     * @param onStarted called with the server once {@code serve} has started it (before it blocks until the server
     * stops); lets an embedding process or a test stop it
     */
    public Main(PrintStream out, PrintStream err, Consumer<LygerServer> onStarted)
    {
        this.out = out;
        this.err = err;
        this.onStarted = onStarted;
    }

    public static void main(String[] args)
    {
        StartupPreload.start(args);
        if (!debug())
            System.setOut(new StackTraceFilter(new java.io.FileOutputStream(java.io.FileDescriptor.out), java.nio.charset.Charset.defaultCharset()));
        JulToSlf4j.install();
        int exitCode = new Main(System.out, System.err, server -> {}).execute(args);
        System.out.flush();
        System.exit(exitCode);
    }

    /** Runs the command; {@code serve} returns when the server has stopped. @return the exit code */
    public int execute(String... args)
    {
        CommandLine commandLine = new CommandLine(new Root());
        // picocli reflects over every command it is given (serve's and train's dozens of options each, with classes no
        // AOT cache holds): a command line naming its command gets that one only, which parses it alike
        String named = args.length > 0 && NAMED_COMMANDS.contains(args[0]) ? args[0] : null;
        if (named == null || named.equals("serve"))
            commandLine.addSubcommand("serve", new Serve());
        if (named == null || named.equals("train"))
            commandLine.addSubcommand("train", new TrainCommand(this));
        if (named == null || named.equals("version"))
            commandLine.addSubcommand("version", new Version());
        if (named == null || named.equals("check"))
            commandLine.addSubcommand("check", new Check());
        if (named == null)
            commandLine.addSubcommand("help", new CommandLine.HelpCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setParameterExceptionHandler((ex, arguments) ->
        {
            CommandLine command = ex.getCommandLine();
            String name = command.getCommandSpec().qualifiedName(" ");
            String help = command == commandLine ? "lyger --help" : name + " --help";
            error(firstLine(ex.getMessage()) + " (see '" + help + "')", ex);
            return EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, command, parseResult) ->
        {
            if (ex instanceof LygerStartException start)
            {
                error(start.getMessage(), ex);
                return start.reason().exitCode();
            }
            if (ex instanceof IllegalArgumentException)
            {
                error(firstLine(ex.getMessage()), ex);
                return EXIT_USAGE;
            }
            error(Lyger.oneLine(ex), ex);
            return EXIT_ERROR;
        });
        try
        {
            return commandLine.execute(args);
        }
        catch (Throwable x)
        {
            // picocli rethrows Errors (a broken class path, out of memory): still one line, not a stack trace.
            error(Lyger.oneLine(x), x);
            return EXIT_ERROR;
        }
    }

    private void error(String message, Throwable failure)
    {
        err.println("lyger: " + message);
        if (debug())
            failure.printStackTrace(err);
        err.flush();
    }

    /** @return true when LYGER_DEBUG is set (and not 0): errors then come with their stack traces. */
    static boolean debug()
    {
        String debug = System.getenv("LYGER_DEBUG");
        return debug != null && !debug.isEmpty() && !debug.equals("0");
    }

    private static String firstLine(String message)
    {
        return message == null ? "" : message.lines().findFirst().orElse("").trim();
    }

    @Command(name = "lyger", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Runs servlet WARs on Jetty 12 (ee11, Servlet 6.1) with Lyger's native HTTP/1.1 engine.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  other error (and 'check': native engine unavailable)",
            "  2  bad usage, a WAR does not exist, or a bad --realm, --jaas-config, --jndi, --keystore or --truststore file",
            "  3  cannot listen on the address (port in use, not permitted...)",
            "  4  a WAR is corrupt, unreadable, or its deployment failed, or a --jndi pool or the --sessions store cannot connect"})
    static final class Root implements Callable<Integer>
    {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call()
        {
            spec.commandLine().usage(spec.commandLine().getOut());
            return EXIT_USAGE;
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion()
        {
            return versionLines();
        }
    }

    static String[] versionLines()
    {
        return new String[]{
            "Lyger " + Lyger.version(),
            "Jetty " + Jetty.VERSION + " (ee11, Servlet 6.1)",
            "Java " + System.getProperty("java.runtime.version", System.getProperty("java.version")) + " (" + System.getProperty("java.vendor") + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves WAR files or exploded WAR directories until stopped (SIGTERM or Ctrl+C stop gracefully).")
    class Serve implements Callable<Integer>
    {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "WAR", description = "WAR files or exploded WAR directories.")
        List<Path> wars = new ArrayList<>();

        @Option(names = "--port", defaultValue = "8000", description = "TCP port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--host", description = "Interface to listen on (default: all).")
        String host;

        @Option(names = "--connector", defaultValue = "native", paramLabel = "native|jetty",
            description = "HTTP/1.1 engine: native (falls back to Jetty's when the native library cannot load here) or jetty (default: ${DEFAULT-VALUE}).")
        ConnectorKind connector;

        @Option(names = "--context-path", paramLabel = "PATH",
            description = "Context path of each WAR, in order (default: / for a single WAR, else each WAR's file name without .war).")
        List<String> contextPaths = new ArrayList<>();

        @Option(names = "--stop-timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long a stop waits for requests in flight (default: ${DEFAULT-VALUE}).")
        long stopTimeoutSeconds;

        @CommandLine.Mixin
        WarmupMixin warmup;

        @CommandLine.Mixin
        OperationsMixin operations;

        @CommandLine.Mixin
        ServerResourcesMixin resources;

        @CommandLine.Mixin
        HttpsMixin https;

        @CommandLine.Mixin
        BehindProxyMixin behindProxy;

        @CommandLine.Mixin
        SessionsMixin sessions;

        @CommandLine.Mixin
        ProfileMixin profile;

        @Override
        public Integer call() throws Exception
        {
            // a valid training profile: the command runs in a child JVM given its AOT data (see ProfileMixin)
            Integer relaunched = profile.relaunch(wars, contextPaths, spec.commandLine().getParseResult().originalArgs());
            if (relaunched != null)
                return relaunched;
            // SIGTERM / Ctrl+C: a graceful stop and exit 0; a second one stops at once (see SignalStop).
            try (SignalStop signals = SignalStop.install())
            {
                return serve(signals);
            }
        }

        int serve(SignalStop signals) throws Exception
        {
            if (contextPaths.size() > wars.size())
                throw new IllegalArgumentException("more --context-path options (" + contextPaths.size() + ") than WARs (" + wars.size() + ")");
            if (port < 0 || port > 65535)
                throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
            if (stopTimeoutSeconds < 0)
                throw new IllegalArgumentException("--stop-timeout must not be negative");
            Lyger.Builder builder = Lyger.server()
                .host(host)
                .port(port)
                .connector(connector)
                .stopTimeout(Duration.ofSeconds(stopTimeoutSeconds))
                .stopAtShutdown(true)
                .warm(warmup.options());
            operations.apply(builder);
            resources.apply(builder);
            https.apply(builder);
            behindProxy.apply(builder);
            sessions.apply(builder);
            profile.apply(builder);
            for (int i = 0; i < wars.size(); i++)
            {
                builder.war(wars.get(i));
                if (i < contextPaths.size())
                    builder.contextPath(contextPaths.get(i));
            }
            // what is logged once ready is read before: the first clients come at ready, and on a small machine the
            // launcher's own work then (a jar resource read for the version) competes with their requests
            String version = Lyger.version();
            Logger log = LoggerFactory.getLogger(Main.class);
            LygerServer server = builder.start();
            String address = "http://" + (host == null ? "0.0.0.0" : host) + ":" + server.port();
            for (Deployment deployment : server.deployments())
                log.info("Serving {} at {}{}", deployment.war(), address, deployment.contextPath());
            if (server.httpsPort() >= 0)
                log.info(HttpsMixin.readyLine(server, host));
            if (server.isNativeConnector())
                log.info("Lyger {} ready on {} with the native HTTP/1.1 connector", version, address);
            else if (connector == ConnectorKind.JETTY)
                log.info("Lyger {} ready on {} with Jetty's ServerConnector (--connector=jetty)", version, address);
            else
                log.info("Lyger {} ready on {} with Jetty's ServerConnector: the native engine is unavailable ({})",
                    version, address, NativeEngine.unavailableReason());
            signals.serving(server);
            if (profile.afterReady(server))
                return EXIT_OK;
            WarWatcher watcher = operations.watch ? WarWatcher.watch(server, operations.watchIntervalMillis) : null;
            try
            {
                onStarted.accept(server);
                server.join();
            }
            finally
            {
                if (watcher != null)
                    watcher.close();
            }
            return EXIT_OK;
        }
    }

    @Command(name = "version", mixinStandardHelpOptions = true, description = "Prints the versions of Lyger, Jetty and Java.")
    final class Version implements Callable<Integer>
    {
        @Override
        public Integer call()
        {
            for (String line : versionLines())
                out.println(line);
            out.flush();
            return EXIT_OK;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
        description = "Tells whether the native engine loads on this machine and, if not, why, and whether it terminates TLS. Exit code 0 if it loads, 1 if not.")
    final class Check implements Callable<Integer>
    {
        @Override
        public Integer call()
        {
            String reason = NativeEngine.unavailableReason();
            String platform = System.getProperty("os.name").toLowerCase(Locale.ROOT) + "-" + System.getProperty("os.arch");
            if (reason == null)
            {
                out.println("native engine: available (" + platform + ", Java " + System.getProperty("java.version") + ")");
                out.println(HttpsMixin.checkLine());
                out.flush();
                return EXIT_OK;
            }
            out.println("native engine: unavailable: " + reason);
            out.println("'lyger serve' still works: it serves through Jetty's ServerConnector instead.");
            out.flush();
            return EXIT_ERROR;
        }
    }
}
