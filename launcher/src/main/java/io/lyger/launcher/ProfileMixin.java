package io.lyger.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.lyger.launcher.training.ChildJvm;
import io.lyger.launcher.training.ProfileLaunch;
import io.lyger.launcher.training.TrainingRun;
import picocli.CommandLine.Option;

/**
 * {@code serve}'s and {@code train}'s options for training profiles (see {@link io.lyger.launcher.training}), and the
 * steps of the command where a profile or a training run acts: before anything starts ({@link #relaunch}), on the
 * builder ({@link #apply}), once ready ({@link #afterReady}).
 */
final class ProfileMixin
{
    @Option(names = "--cache-dir", paramLabel = "DIR",
        description = "Where the training profile is: 'train' writes it there, 'serve' uses it from there (default: beside the first WAR, as WAR.lyger-profile/).")
    Path cacheDir;

    @Option(names = "--no-profile", description = "Start as without a training profile, even when a valid one exists.")
    boolean noProfile;

    /** {@code train --record}: how long to record clients' requests; null when not recording. */
    Duration record;

    private TrainingRun training;
    private List<Path> wars = List.of();
    private List<String> contextPaths = List.of();

    /**
     * @return the exit code of a child JVM that ran the command with the profile (only where bin/lyger did not start
     * this JVM), or null to run it here
     */
    Integer relaunch(List<Path> wars, List<String> contextPaths, List<String> arguments) throws InterruptedException
    {
        this.wars = List.copyOf(wars);
        this.contextPaths = List.copyOf(contextPaths);
        return noProfile ? null : ProfileLaunch.serve(wars, contextPaths, cacheDir, arguments);
    }

    void apply(Lyger.Builder builder)
    {
        ChildJvm.stopWithParent();
        training = TrainingRun.inThisJvm(record);
        if (training != null)
            training.configure(builder);
        else if (!noProfile)
            ProfileLaunch.apply(builder, wars, contextPaths, cacheDir);
    }

    /** @return true when the command is done once ready (a training run), false to serve until stopped */
    boolean afterReady(LygerServer server) throws Exception
    {
        if (training == null)
            return false;
        training.afterReady(server);
        return true;
    }
}
