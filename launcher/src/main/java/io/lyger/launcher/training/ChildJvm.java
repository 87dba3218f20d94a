package io.lyger.launcher.training;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import sun.misc.Signal;

/**
 * Runs the command again in a child JVM started with other {@code -XX} options: AOT data can only be given to a JVM
 * as it launches, so a {@code lyger serve} that finds a valid profile, and every {@code lyger train}, start the same
 * {@code java} with the same options, class path and arguments plus theirs, and wait for it. The child inherits the
 * standard streams; its exit code is this process's.
 * <p>
 * Signals: SIGTERM and SIGINT to this process are passed on to the child as SIGTERM (its graceful stop; a second one
 * stops it at once). The child is told ({@value #SUPERVISED}) to ignore SIGINT, so that a Ctrl+C, which a terminal
 * sends to both, reaches it once, through this process. The child stops when this process dies.
 */
public final class ChildJvm
{
    /** System property of the child: set when a parent passes signals on to it. */
    public static final String SUPERVISED = "lyger.supervised";

    private ChildJvm()
    {
    }

    /** @return whether this JVM is such a child */
    public static boolean supervised()
    {
        return Boolean.getBoolean(SUPERVISED);
    }

    /**
     * In a child: stops the process (as a SIGTERM would, gracefully) once its parent has gone, so that a parent
     * killed with SIGKILL leaves no server behind.
     */
    public static void stopWithParent()
    {
        if (!supervised())
            return;
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        parent.ifPresent(handle -> handle.onExit().thenRun(() -> Signal.raise(new Signal("TERM"))));
    }

    /**
     * @param extraOptions JVM options added after this JVM's own
     * @param classPath the child's class path (see {@link ClassPathSnapshot})
     * @param arguments the command's arguments ({@code serve ...})
     * @return the child's exit code
     */
    static int run(List<String> extraOptions, String classPath, List<String> arguments) throws IOException, InterruptedException
    {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            // options of an earlier relaunch are not inherited twice
            if (!option.startsWith("-XX:SharedArchiveFile=") && !option.startsWith("-XX:AOTCache=") && !option.startsWith("-Xshare:")
                && !option.startsWith("-XX:ArchiveClassesAtExit=") && !option.startsWith("-XX:AOTCacheOutput=") && !option.startsWith("-D" + SUPERVISED))
                command.add(option);
        }
        command.addAll(extraOptions);
        command.add("-D" + SUPERVISED + "=true");
        command.add("-cp");
        command.add(classPath);
        command.add(System.getProperty("sun.java.command", "io.lyger.launcher.Main").split(" ")[0]);
        command.addAll(arguments);
        Process child = new ProcessBuilder(command).inheritIO().start();
        List<Signal> installed = new ArrayList<>();
        for (String name : new String[]{"TERM", "INT"})
        {
            try
            {
                Signal signal = new Signal(name);
                Signal.handle(signal, s -> child.destroy());
                installed.add(signal);
            }
            catch (IllegalArgumentException x)
            {
                // -Xrs or no such signal: the JVM's default stays, and the child stops with this process
            }
        }
        // a JVM exit by other means (System.exit elsewhere, the JVM's own handling) still stops the child
        Thread hook = new Thread(child::destroy, "lyger-child-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try
        {
            return child.waitFor();
        }
        finally
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (IllegalStateException shuttingDown)
            {
                // the hook runs or ran
            }
        }
    }
}
