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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lyger serve} with a training profile: the launcher checks the profile ({@link TrainingProfile#check}) and,
 * when it is valid, runs the command in a child JVM given the profile's AOT data ({@link ChildJvm}); there the
 * recorded plan joins the warm-up ({@link #applyInChild}). A profile that does not apply is ignored with one line
 * saying why, and the start goes on in this JVM as without one. Nothing about a profile stops a start: should the
 * child JVM refuse its AOT data before it gets to serve, the start goes on here without it.
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
        if (ChildJvm.supervised() || System.getProperty(TrainingRun.TRAIN_DIR) != null || wars.isEmpty())
            return null;
        TrainingProfile profile = TrainingProfile.of(wars, cacheDir);
        if (!profile.exists())
            return null;
        Path started = null;
        try
        {
            String reason = profile.check(TrainingProfile.situation(wars, contextPaths));
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
     * In the child JVM of a {@code serve} with a profile: tells the launcher it got this far, logs the AOT flag in
     * effect, and adds the recorded plan to the warm-up. A plan that cannot be read is logged and left out.
     */
    public static void applyInChild(Lyger.Builder builder)
    {
        String directory = System.getProperty(PROFILE_DIR);
        if (directory == null)
            return;
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
        LOG.info("Training profile {} in use: {} ({}); JVM flags in effect: {}", directory, kind.description, System.getProperty("java.vm.info"),
            flagsInEffect(kind));
        QuickStartDescriptor.useFrom(builder, Path.of(directory));
        try
        {
            RecordedPlan plan = RecordedPlan.read(Path.of(directory, TrainingProfile.PLAN));
            if (!plan.entries().isEmpty())
                builder.warmupSource(plan);
            LOG.info("Training profile {}: {} recorded warm-up requests", directory, plan.entries().size());
        }
        catch (IOException | RuntimeException x)
        {
            LOG.warn("Training profile {}: its recorded plan is left out: {}", directory, Lyger.oneLine(x));
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
        return flags.isEmpty() ? "none" : String.join(" ", flags);
    }

    static Properties situation(List<Path> wars, List<String> contextPaths) throws IOException
    {
        return TrainingProfile.situation(wars, contextPaths);
    }
}
