package io.lyger.launcher;

import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;

import io.lyger.connector.NativeEngine;
import io.lyger.launcher.training.TrainingRun;
import org.slf4j.LoggerFactory;

/**
 * Work a {@code serve} (or {@code train}) does on its way to Jetty's start that needs nothing from the parsed command,
 * started on a thread of its own as the JVM enters {@code main}, so that it overlaps the main thread's argument
 * parsing (picocli: its classes predate Java 6, so JDK 25 leaves them out of the AOT cache and every start loads them
 * from the jar), the training profile's check and the server's construction (issue 18):
 * <ul>
 * <li>the native engine ({@code liblyger.so} loaded through JNA, the FFM downcall handles made: 80-90 ms of CPU on a
 * trained start, method handles and stubs no AOT data keeps), unless the command asks for Jetty's connector;</li>
 * <li>the platform MBeanServer, which registers every platform MXBean as it is made (about 60 ms of CPU; Jetty's
 * MBeans go on it, see {@code JmxSupport});</li>
 * <li>SLF4J's provider lookup (a {@link java.util.ServiceLoader} scan) and the JDK's security providers behind
 * SHA-256 (the profile's check digests with it).</li>
 * </ul>
 * Each is a class initialisation or a lookup the main thread would otherwise do itself: if it gets there first it
 * waits for this thread's (the JVM's class initialisation lock), so the order of what happens is unchanged and a
 * failure surfaces where it did (the native engine records its load failure instead of throwing). Nothing here is
 * required: the thread is a daemon, and an error in it is left for the main thread to meet again.
 */
final class StartupPreload
{
    private StartupPreload()
    {
    }

    /**
     * Starts the thread for {@code serve}, and for {@code train} in the training JVM (the one {@code train} starts
     * serves; the first only waits for it); does nothing for the other commands.
     */
    static void start(String... args)
    {
        boolean serves = args.length > 0 && (args[0].equals("serve") || args[0].equals("train") && System.getProperty(TrainingRun.TRAIN_DIR) != null);
        if (!serves)
            return;
        boolean nativeEngine = !asksForJettyConnector(List.of(args));
        Thread thread = new Thread(() -> preload(nativeEngine), "lyger-preload");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return true when the arguments pick Jetty's connector ({@code --connector=jetty} or {@code --connector jetty}) */
    static boolean asksForJettyConnector(List<String> args)
    {
        for (int i = 0; i < args.size(); i++)
        {
            String arg = args.get(i);
            if (arg.equals("--"))
                return false;
            String value = arg.startsWith("--connector=") ? arg.substring("--connector=".length())
                : arg.equals("--connector") && i + 1 < args.size() ? args.get(i + 1) : null;
            if (value != null && value.toLowerCase(Locale.ROOT).equals(ConnectorKind.JETTY.name().toLowerCase(Locale.ROOT)))
                return true;
        }
        return false;
    }

    private static void preload(boolean nativeEngine)
    {
        try
        {
            LoggerFactory.getILoggerFactory();
            if (nativeEngine)
                NativeEngine.unavailableReason();
            MessageDigest.getInstance("SHA-256");
            ManagementFactory.getPlatformMBeanServer();
        }
        catch (NoSuchAlgorithmException | RuntimeException | LinkageError ignored)
        {
            // the main thread meets it again where it needs it, and reports it there
        }
    }
}
