package io.lyger.launcher;

import java.time.Duration;

import io.lyger.launcher.training.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lyger train}: {@code serve}'s options (it is a {@link Main.Serve}) plus {@code --record}; see
 * {@link TrainingRun}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {
        "Starts the WARs as 'serve' does, warms them up (their declared requests; with --record, also what clients send meanwhile, "
            + "when the safe-warm-up rules allow replaying it), stops, and writes a training profile beside the first WAR (or in --cache-dir): "
            + "the recorded warm-up plan and the JVM's AOT data (an AOT cache on JDK 25+, a dynamic AppCDS archive on JDK 17-24).",
        "'lyger serve' with the same WARs, JDK, Lyger version and class path then starts with it: classes linked ahead, warm sooner."})
final class TrainCommand extends Main.Serve
{
    @Option(names = "--record", arity = "0..1", paramLabel = "SECONDS", fallbackValue = "60",
        description = "After the warm-up, serve clients for SECONDS (default 60) and record their requests: kept only when the WAR's warm-up plan "
            + "allows replaying them (GET/HEAD of a declared path), without bodies, cookies, credentials or secret query parameters.")
    Long recordSeconds;

    TrainCommand(Main main)
    {
        main.super();
    }

    @Override
    public Integer call() throws Exception
    {
        if (recordSeconds != null && recordSeconds <= 0)
            throw new IllegalArgumentException("--record must be a positive number of seconds");
        profile.record = recordSeconds == null ? null : Duration.ofSeconds(recordSeconds);
        if (TrainingRun.inThisJvm(profile.record) != null)
            return super.call();
        return TrainingRun.launch(wars, contextPaths, profile.cacheDir, spec.commandLine().getParseResult().originalArgs());
    }
}
