package io.lyger.launcher;

import picocli.CommandLine.Option;

/** {@code serve}'s options for running it: thread pool size, port opened when ready, dev-mode redeploys. */
final class OperationsMixin
{
    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
        description = "Most threads of Jetty's QueuedThreadPool (requests and the native event loops), at least " + Lyger.MIN_THREADS
            + " (default: Jetty's, 200).")
    int threads;

    @Option(names = "--open-when-ready",
        description = "Open the port only once every WAR has started and the warm-up has ended (connections are refused until then; "
            + "the warm-up uses a loopback port of its own).")
    boolean openWhenReady;

    @Option(names = "--watch",
        description = "Dev mode: redeploy a WAR (file or exploded directory) when it changes, keeping the server up.")
    boolean watch;

    @Option(names = "--watch-interval", paramLabel = "MILLIS", defaultValue = "500", hidden = true,
        description = "How often --watch looks at the WARs (default: ${DEFAULT-VALUE}).")
    long watchIntervalMillis;

    void apply(Lyger.Builder builder)
    {
        if (threads != 0 && threads < Lyger.MIN_THREADS)
            throw new IllegalArgumentException("--threads must be at least " + Lyger.MIN_THREADS + ", got " + threads);
        if (watchIntervalMillis <= 0)
            throw new IllegalArgumentException("--watch-interval must be positive");
        builder.threads(threads).openWhenReady(openWhenReady);
    }
}
