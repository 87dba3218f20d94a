package io.lyger.launcher.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.lyger.launcher.Lyger;
import io.lyger.launcher.LygerServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lyger train}. The launching JVM ({@link #launch}) runs the command again in a child JVM that records AOT data
 * at its exit ({@link AotData}); the child starts the application as {@code serve} would, warms it up, with
 * {@code --record} serves clients for a while and records their requests ({@link RecordingHandler}), writes the plan,
 * stops the server and exits; the launching JVM then seals the profile ({@link TrainingProfile#seal}).
 */
public final class TrainingRun
{
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
    /** System property of the training JVM: the profile directory it writes. */
    public static final String TRAIN_DIR = "lyger.train.dir";

    private final Path directory;
    private final Duration record;
    private RecordingHandler recorder;

    private TrainingRun(Path directory, Duration record)
    {
        this.directory = directory;
        this.record = record;
    }

    /**
     * In the launching JVM of {@code train}.
     *
     * @return the exit code; 0 once the profile is written
     */
    public static int launch(List<Path> wars, List<String> contextPaths, Path cacheDir, List<String> arguments) throws IOException, InterruptedException
    {
        for (Path war : wars)
        {
            // before a profile directory is made beside it
            if (!Files.exists(war))
                throw new io.lyger.launcher.LygerStartException(io.lyger.launcher.LygerStartException.Reason.WAR_NOT_FOUND,
                    "no such WAR file or directory: " + war, null);
        }
        TrainingProfile profile = TrainingProfile.of(wars, cacheDir);
        AotData kind = AotData.forThisJvm();
        Files.createDirectories(profile.directory());
        profile.invalidate();
        Files.deleteIfExists(profile.plan());
        for (AotData each : AotData.values())
            Files.deleteIfExists(profile.directory().resolve(each.fileName));
        QuickStartDescriptor.deleteAll(profile.directory());
        String classPath = ClassPathSnapshot.of(profile.directory(), true);
        Properties situation = TrainingProfile.situation(wars, contextPaths);
        // what a JVM bin/lyger starts with the profile checks: it runs with the training JVM's class path
        situation.setProperty("class.path.served", TrainingProfile.classPathDigest(classPath));
        List<String> options = new ArrayList<>(kind.recordOptions(profile.directory()));
        options.add("-D" + TRAIN_DIR + "=" + profile.directory());
        LOG.info("Training: starting a JVM that writes a {} at its exit ({})", kind.description, options.get(0));
        int exit = ChildJvm.run(options, classPath, arguments);
        Path data = profile.directory().resolve(kind.fileName);
        if (exit != 0)
        {
            // the training JVM said why; its exit code is the command's
            LOG.warn("Training: the training run failed (exit {}): no profile written", exit);
            return exit;
        }
        if (!Files.isRegularFile(data) || Files.size(data) == 0)
            throw new IllegalStateException("the training JVM wrote no " + kind.description + " (" + data + "): no profile written");
        int planned = RecordedPlan.read(profile.plan()).entries().size();
        profile.seal(situation, kind, planned);
        ScriptLaunch.write(profile.directory(), kind, classPath);
        LOG.info("Training profile written to {}: {} of {} MiB, {} recorded warm-up requests; 'lyger serve' with the same WARs, JDK and Lyger uses it",
            profile.directory(), kind.description, Files.size(data) >> 20, planned);
        return 0;
    }

    /** @return the training run of this JVM when it is a training JVM, else null */
    public static TrainingRun inThisJvm(Duration record)
    {
        String directory = System.getProperty(TRAIN_DIR);
        return directory == null ? null : new TrainingRun(Path.of(directory), record);
    }

    /** Before the start: with {@code --record}, the recording handler goes in front of the web applications. */
    public void configure(Lyger.Builder builder)
    {
        QuickStartDescriptor.writeInto(builder, directory);
        if (record != null)
            builder.wrapApplications(handler -> recorder = new RecordingHandler(handler));
    }

    /** Once ready: records for the given time (or until a stop signal), writes the plan, stops the server. */
    public void afterReady(LygerServer server) throws InterruptedException, IOException
    {
        if (recorder != null)
        {
            LOG.info("Training: recording the requests clients send to {} for {} s (only those the safe-warm-up rules allow are kept)",
                server.uri(), record.toSeconds());
            recorder.recording(true);
            long end = System.nanoTime() + record.toNanos();
            while (System.nanoTime() - end < 0 && server.isRunning())
                Thread.sleep(Math.min(200, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            recorder.recording(false);
            int kept = recorder.write(directory.resolve(TrainingProfile.PLAN));
            LOG.info("Training: {} client requests seen, {} distinct ones kept in the plan", recorder.seenCount(), kept);
        }
        else
            RecordedPlan.write(directory.resolve(TrainingProfile.PLAN), java.util.Map.of());
        ProfileLatency.record(server, directory);
        LOG.info("Training: stopping; the JVM writes its AOT data as it exits");
        server.stop();
    }
}
