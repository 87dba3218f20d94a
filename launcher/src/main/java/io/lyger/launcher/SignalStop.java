package io.lyger.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT (Ctrl+C) for {@code lyger serve}: the first one stops the server gracefully (stops accepting,
 * lets requests in flight finish up to the stop timeout) and the command then exits 0, as a service manager
 * expects of a requested stop; a second one, while that stop runs, ends the process at once (exit 130 for SIGINT,
 * 143 for SIGTERM).
 * <p>
 * Without these handlers the JVM's own would run the shutdown hooks (Jetty's stop-at-shutdown, also graceful) and
 * exit 143 or 130. {@code sun.misc.Signal} is in the {@code jdk.unsupported} module of every JDK from 9 on.
 */
final class SignalStop implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(SignalStop.class);
    private static final String[] SIGNALS = {"TERM", "INT"};

    private final AtomicReference<LygerServer> server = new AtomicReference<>();
    private final List<Signal> installed = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile String stopping;
    private volatile long stoppingSince;
    private static final long SAME_STOP_NANOS = 1_000_000_000L;

    private SignalStop()
    {
    }

    /** Installs the handlers; before {@link #serving(LygerServer)} a signal ends the process (the JVM's way). */
    static SignalStop install()
    {
        SignalStop stop = new SignalStop();
        if (io.lyger.launcher.training.ChildJvm.supervised())
        {
            // a child JVM of the launcher (a training profile's): SIGINT, which a terminal sends to both, comes once,
            // from the launcher as SIGTERM
            Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
        }
        for (String name : io.lyger.launcher.training.ChildJvm.supervised() ? new String[]{"TERM"} : SIGNALS)
        {
            try
            {
                Signal signal = new Signal(name);
                stop.previous.add(Signal.handle(signal, stop::handle));
                stop.installed.add(signal);
            }
            catch (IllegalArgumentException unavailable)
            {
                // The JVM keeps this signal (-Xrs) or the platform has none: its default behaviour stays.
                LOG.debug("Cannot handle SIG{}: {}", name, unavailable.getMessage());
            }
        }
        return stop;
    }

    /** From now on a signal stops {@code server} gracefully. */
    void serving(LygerServer server)
    {
        this.server.set(server);
        if (stopping != null)
            stopGracefully(server, stopping);
    }

    private void handle(Signal signal)
    {
        String name = "SIG" + signal.getName();
        // a launcher's child JVM gets a stop signal twice at once when it goes to a process group or a cgroup (timeout,
        // systemd) as well as to the launcher, which passes it on: one stop, not a second one
        if (stopping != null && io.lyger.launcher.training.ChildJvm.supervised() && System.nanoTime() - stoppingSince < SAME_STOP_NANOS)
            return;
        if (stopping != null)
        {
            LOG.warn("{} again: stopping at once, requests in flight are cut off", name);
            System.out.flush();
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
        stoppingSince = System.nanoTime();
        stopping = name;
        LygerServer running = server.get();
        if (running == null)
        {
            // Still starting: there is no server to stop gracefully yet. Exit the JVM's way (its shutdown hooks stop
            // whatever Jetty has started).
            LOG.info("{} while starting: exiting", name);
            new Thread(() -> System.exit(128 + signal.getNumber()), "lyger-exit").start();
            return;
        }
        stopGracefully(running, name);
    }

    private static void stopGracefully(LygerServer server, String name)
    {
        Thread thread = new Thread(() ->
        {
            LOG.info("{}: stopping gracefully (no new connections; requests in flight may finish within the stop timeout; again to stop at once)", name);
            try
            {
                server.stop();
            }
            catch (RuntimeException x)
            {
                LOG.warn("Stopping failed: {}", Lyger.oneLine(x));
            }
        }, "lyger-stop");
        thread.start();
    }

    /** Puts the previous handlers back. */
    @Override
    public void close()
    {
        for (int i = 0; i < installed.size(); i++)
            Signal.handle(installed.get(i), previous.get(i));
    }
}
