package io.lyger.launcher.training;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.lyger.launcher.Lyger;
import io.lyger.warm.TrainedLatency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lyger serve} with a training profile. Started by {@code bin/lyger} (the usual way), there is one JVM: the
 * script found the profile, checked what it can cheaply ({@link ScriptLaunch}) and started this JVM with the profile's
 * AOT data; the launcher checks the rest ({@link TrainingProfile#check(List, List, boolean)}: the WARs, unchanged ones
 * by their files' sizes and times) and adds the recorded plan and the trained latency to the warm-up
 * ({@link #apply}). Started otherwise ({@code java -cp ... io.lyger.launcher.Main serve}, where no script can pass the
 * flags), the launcher checks the profile and, when it is valid, runs the command again in a child JVM given the AOT
 * data ({@link ChildJvm}), which then applies it. A profile that does not apply is ignored with one line saying why,
 * and the start goes on as without one. Nothing about a profile stops a start: a JVM that refuses the AOT data (the
 * JVM checks it itself) starts without it; should a child JVM fail before it gets to serve, the start goes on here.
 */
public final class ProfileLaunch
{
    private static final Logger LOG = LoggerFactory.getLogger(ProfileLaunch.class);
    /** System properties of the child JVM: the profile it uses, and the file it creates once it gets to serve. */
    static final String PROFILE_DIR = "lyger.profile.dir";
    static final String STARTED = "lyger.profile.started";

    private ProfileLaunch()
    {
    }

    /**
     * In the launching JVM of {@code serve}.
     *
     * @param arguments the command line, to run again in the child
     * @return the child's exit code, or null to start here (no valid profile, or one the JVM refused)
     */
    public static Integer serve(List<Path> wars, List<String> contextPaths, Path cacheDir, List<String> arguments) throws InterruptedException
    {
        if (ChildJvm.supervised() || System.getProperty(TrainingRun.TRAIN_DIR) != null || wars.isEmpty() || ScriptLaunch.withProfile())
            return null;
        TrainingProfile profile = TrainingProfile.of(wars, cacheDir);
        if (!profile.exists())
            return null;
        if (ScriptLaunch.byScript())
        {
            // bin/lyger saw the profile and did not start this JVM with it: one line why, and no second JVM
            String reason = profile.check(wars, contextPaths, false);
            if (reason == null)
                reason = System.getProperty(ScriptLaunch.SKIPPED, "it has no " + ScriptLaunch.FILE + " for bin/lyger (train it again with bin/lyger)");
            LOG.info("Training profile {} ignored: {}; starting without it (run 'lyger train' again to renew it)", profile.directory(), reason);
            return null;
        }
        Path started = null;
        try
        {
            String reason = profile.check(wars, contextPaths, false);
            if (reason != null)
            {
                LOG.info("Training profile {} ignored: {}; starting without it (run 'lyger train' again to renew it)", profile.directory(), reason);
                return null;
            }
            AotData kind = AotData.forThisJvm();
            started = Files.createTempFile("lyger-profile-", ".started");
            Files.delete(started);
            List<String> options = new ArrayList<>(kind.useOptions(profile.directory()));
            options.add("-D" + PROFILE_DIR + "=" + profile.directory());
            options.add("-D" + STARTED + "=" + started);
            LOG.info("Training profile {}: starting the JVM with its {} ({})", profile.directory(), kind.description, String.join(" ", options.subList(0, 1)));
            int exit = ChildJvm.run(options, ClassPathSnapshot.of(profile.directory(), false), arguments);
            if (exit != 0 && !Files.exists(started))
            {
                LOG.warn("Training profile {} ignored: the JVM did not start with it (exit {}); starting without it", profile.directory(), exit);
                return null;
            }
            return exit;
        }
        catch (IOException | RuntimeException x)
        {
            LOG.warn("Training profile {} ignored: {}; starting without it", profile.directory(), Lyger.oneLine(x));
            return null;
        }
        finally
        {
            if (started != null)
            {
                try
                {
                    Files.deleteIfExists(started);
                }
                catch (IOException ignored)
                {
                    // a temporary file left behind
                }
            }
        }
    }

    /**
     * In the JVM that serves with a profile (bin/lyger's, or a child JVM): tells a launching JVM it got this far,
     * checks the profile when bin/lyger started this JVM with it, logs the AOT flag in effect, and adds the recorded
     * plan and the trained latency to the warm-up. A plan that cannot be read is logged and left out.
     */
    public static void apply(Lyger.Builder builder, List<Path> wars, List<String> contextPaths, Path cacheDir)
    {
        String directory = System.getProperty(PROFILE_DIR);
        if (directory == null || wars.isEmpty())
            return;
        boolean oneJvm = ScriptLaunch.withProfile();
        if (oneJvm)
        {
            TrainingProfile profile = TrainingProfile.of(wars, cacheDir);
            String reason = Path.of(directory).toAbsolutePath().normalize().equals(profile.directory()) ? profile.check(wars, contextPaths, true)
                : "bin/lyger started the JVM with " + directory + ", not this start's profile";
            if (reason != null)
            {
                LOG.info("Training profile {} ignored: {}; starting without its plan (the JVM has its AOT data, which it checked itself; "
                    + "run 'lyger train' again to renew it)", profile.directory(), reason);
                return;
            }
        }
        String started = System.getProperty(STARTED);
        try
        {
            if (started != null)
                Files.createFile(Path.of(started));
        }
        catch (IOException ignored)
        {
            // the launcher then takes an exit for a refusal: a start without the profile, no worse
        }
        AotData kind = AotData.forThisJvm();
        LOG.info("Training profile {} in use ({}): {} ({}); JVM flags in effect: {}", directory,
            oneJvm ? "one JVM, started by bin/lyger" : "a child JVM", kind.description, System.getProperty("java.vm.info"), flagsInEffect(kind));
        QuickStartDescriptor.useFrom(builder, Path.of(directory));
        try
        {
            RecordedPlan plan = RecordedPlan.read(Path.of(directory, TrainingProfile.PLAN));
            if (!plan.entries().isEmpty())
                builder.warmupSource(plan);
            LOG.info("Training profile {}: {} recorded warm-up requests; the warm-up stops at the trained latency of {} requests", directory,
                plan.entries().size(), applyLatency(builder, Path.of(directory)));
        }
        catch (IOException | RuntimeException x)
        {
            LOG.warn("Training profile {}: its recorded plan is left out: {}", directory, Lyger.oneLine(x));
        }
    }

    /** @return how many requests the trained latency holds (0: none, or a file that cannot be read, which is logged) */
    private static int applyLatency(Lyger.Builder builder, Path directory)
    {
        try
        {
            TrainedLatency latency = ProfileLatency.read(directory);
            if (!latency.isEmpty())
                builder.jitTarget(latency);
            return latency.size();
        }
        catch (IOException | RuntimeException x)
        {
            LOG.warn("Training profile {}: its {} is left out: {}", directory, ProfileLatency.FILE, Lyger.oneLine(x));
            return 0;
        }
    }

    /** @return the -XX options of AOT data this JVM runs with, as the JVM reports them */
    static String flagsInEffect(AotData kind)
    {
        List<String> flags = new ArrayList<>();
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        for (String name : new String[]{kind.useFlag, kind.recordFlag})
        {
            try
            {
                String value = hotspot.getVMOption(name).getValue();
                if (value != null && !value.isEmpty())
                    flags.add("-XX:" + name + "=" + value);
            }
            catch (IllegalArgumentException unknown)
            {
                // not a flag of this JVM
            }
        }
        try
        {
            // the JVM turns sharing off when it refuses the data (and says why on its standard error)
            if (!flags.isEmpty() && "false".equals(hotspot.getVMOption("UseSharedSpaces").getValue()))
                flags.add("(refused by the JVM: starting without it)");
        }
        catch (IllegalArgumentException unknown)
        {
            // not a flag of this JVM
        }
        return flags.isEmpty() ? "none" : String.join(" ", flags);
    }

    static Properties situation(List<Path> wars, List<String> contextPaths) throws IOException
    {
        return TrainingProfile.situation(wars, contextPaths);
    }
}
