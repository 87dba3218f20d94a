package io.lyger.launcher.training;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import io.lyger.launcher.LygerServer;
import io.lyger.warm.JitWarmup;
import io.lyger.warm.TrainedLatency;
import io.lyger.warm.WarmStart;

/**
 * The profile's {@value #FILE}: the latency the training run's JIT warm-up reached, per request
 * ({@link TrainedLatency}). A trained start stops its warm-up once within a small factor of it, rather than replaying
 * until latency stops improving; the warm-up's other rules (the plateau, the budget) still bound it.
 */
final class ProfileLatency
{
    static final String FILE = "latency.properties";

    private ProfileLatency()
    {
    }

    /** In the training JVM, once ready: writes what its warm-up reached (nothing when it ran none). */
    static void record(LygerServer server, Path directory) throws IOException
    {
        WarmStart warmStart = server.jetty().getBean(WarmStart.class);
        JitWarmup.Result result = warmStart == null ? null : warmStart.lastJitResult();
        Files.deleteIfExists(directory.resolve(FILE));
        if (result == null || result.steady() == null || result.steady().isEmpty())
            return;
        Properties properties = new Properties();
        result.steady().write(properties);
        try (Writer out = Files.newBufferedWriter(directory.resolve(FILE), StandardCharsets.UTF_8))
        {
            properties.store(out, "Median latency (ms) of each warm-up request in the training run's last window");
        }
    }

    /** @return the trained latency; empty when the profile has none (an older or warm-up-less training) */
    static TrainedLatency read(Path directory) throws IOException
    {
        Path file = directory.resolve(FILE);
        Properties properties = new Properties();
        if (Files.exists(file))
        {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
            {
                properties.load(in);
            }
        }
        return TrainedLatency.read(properties);
    }
}
