package io.lyger.launcher.training;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

import io.lyger.launcher.Lyger;
import org.eclipse.jetty.ee11.quickstart.QuickStartConfiguration;
import org.eclipse.jetty.ee11.quickstart.QuickStartGeneratorConfiguration;
import org.eclipse.jetty.ee11.webapp.AbstractConfiguration;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.util.resource.AttributeNormalizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A web application's quickstart descriptor in the training profile ({@code quickstart-web.xml}, one per context
 * path): its effective {@code web.xml} as Jetty's quickstart writes it, with what a start otherwise finds by scanning
 * the WAR's classes and jars (annotated servlets, filters and listeners, web fragments, the
 * {@code ServletContainerInitializer}s and the classes they asked for, TLDs, {@code META-INF/resources}). The training
 * run writes it as its web applications start ({@link #writeInto}); a start with a valid profile starts them from it
 * ({@link #useFrom}) and skips that scan, which took about a third of the sample's time to ready. The profile's manifest
 * ties it to the WAR's digest: a changed WAR ignores the whole profile, and with it the descriptor. The user's WAR is
 * never written to.
 */
public final class QuickStartDescriptor
{
    private static final Logger LOG = LoggerFactory.getLogger(QuickStartDescriptor.class);

    private QuickStartDescriptor()
    {
    }

    /** @return the descriptor of the web application at {@code contextPath} in the profile {@code directory} */
    static Path file(Path directory, String contextPath)
    {
        String name = contextPath == null || contextPath.equals("/") ? "ROOT" : contextPath.substring(1).replaceAll("[^A-Za-z0-9._-]", "_");
        return directory.resolve("quickstart-web." + name + ".xml");
    }

    /** Before a training run: the descriptors of an earlier one go (a WAR may since be served at another path). */
    static void deleteAll(Path directory) throws IOException
    {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(directory, "quickstart-web.*.xml"))
        {
            for (Path file : old)
                Files.delete(file);
        }
    }

    /** When the profile is sealed: the descriptors' names and digests go into its manifest. */
    static void record(Path directory, Properties manifest) throws IOException
    {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "quickstart-web.*.xml"))
        {
            for (Path file : files)
                names.add(file.getFileName().toString());
        }
        names.sort(null);
        manifest.setProperty("quickstart.files", String.join(" ", names));
        for (String name : names)
            manifest.setProperty("quickstart." + name, digest(directory.resolve(name)));
    }

    /**
     * @return null when the descriptors the manifest names are there as written (or it names none: a profile from
     * before them, whose WARs are scanned), else why the profile is ignored (a damaged descriptor would fail the start)
     */
    static String check(Path directory, Properties trained)
    {
        String names = trained.getProperty("quickstart.files", "").trim();
        for (String name : names.isEmpty() ? new String[0] : names.split(" "))
        {
            Path file = directory.resolve(name);
            try
            {
                if (!file.getParent().equals(directory) || !Files.isRegularFile(file) || !digest(file).equals(trained.getProperty("quickstart." + name)))
                    return "its quickstart descriptor " + name + " is missing or damaged";
            }
            catch (IOException x)
            {
                return "its quickstart descriptor " + name + " cannot be read (" + x.getMessage() + ")";
            }
        }
        return null;
    }

    private static String digest(Path file) throws IOException
    {
        return HexFormat.of().formatHex(TrainingProfile.sha256().digest(Files.readAllBytes(file)));
    }

    /** In the training JVM: each web application writes its descriptor into the profile as it starts. */
    static void writeInto(Lyger.Builder builder, Path directory)
    {
        builder.configureWebApps(webApp -> webApp.addConfiguration(new Writing(directory)));
    }

    /** In a JVM serving with a valid profile: each web application with a descriptor there starts from it. */
    static void useFrom(Lyger.Builder builder, Path directory)
    {
        builder.configureWebApps(webApp ->
        {
            Path descriptor = file(directory, webApp.getContextPath());
            if (!Files.isRegularFile(descriptor))
            {
                // a profile from before quickstart descriptors, or a context path the training run did not have
                LOG.info("Training profile {}: no quickstart descriptor for {}; its WAR is scanned as without a profile", directory, webApp.getContextPath());
                return;
            }
            webApp.addConfiguration(new QuickStartConfiguration());
            webApp.setAttribute(QuickStartConfiguration.MODE, QuickStartConfiguration.Mode.QUICKSTART);
            webApp.setAttribute(QuickStartConfiguration.QUICKSTART_WEB_XML, descriptor);
            LOG.info("Training profile {}: {} starts from its quickstart descriptor {} (no annotation or fragment scan)", directory,
                webApp.getContextPath(), descriptor.getFileName());
        });
    }

    /**
     * Adds the generator once the configurations are sorted, as Jetty's own {@code GENERATE} mode does: last, so that
     * it writes the descriptor after every other configuration has configured the web application (and before the
     * initializers run, whose programmatic servlets a descriptor must not hold: they add them again at every start).
     * Unlike {@code GENERATE}, the web application then starts: the training run serves and warms it up.
     */
    private static final class Writing extends AbstractConfiguration
    {
        private final Path directory;

        Writing(Path directory)
        {
            super(new Builder().enabledByDefault(false));
            this.directory = directory;
        }

        @Override
        public void preConfigure(WebAppContext webApp)
        {
            webApp.addConfiguration(new Generator(file(directory, webApp.getContextPath())));
        }
    }

    /**
     * Jetty's generator, writing a descriptor that holds no path of the training run's machine but the WAR's: Jetty
     * writes the server's jars (TLDs, initializers' resources) relative to {@code user.dir} or {@code user.home} when
     * they are below them, and a start from another working directory would look for them there. The profile's
     * class path check already ties it to those jars' absolute paths, so they are written as such. The WAR's own paths
     * stay relative ({@code ${WAR.uri}}): each start unpacks it elsewhere.
     */
    private static final class Generator extends QuickStartGeneratorConfiguration
    {
        private static final String[] MACHINE_PROPERTIES = {"jetty.base", "jetty.home", "user.home", "user.dir"};

        Generator(Path descriptor)
        {
            super(false);
            setQuickStartWebXml(descriptor);
        }

        @Override
        public void configure(WebAppContext webApp) throws Exception
        {
            webApp.resolveMetaData();
            ByteArrayOutputStream xml = new ByteArrayOutputStream();
            generateQuickStartWebXml(webApp, xml);
            String text = xml.toString(StandardCharsets.UTF_8);
            AttributeNormalizer normalizer = new AttributeNormalizer(webApp.getBaseResource());
            for (String property : MACHINE_PROPERTIES)
            {
                if (System.getProperty(property) == null)
                    continue;
                for (String key : new String[]{"${" + property + ".uri}", "${" + property + "}"})
                    text = text.replace(key, normalizer.expand(key));
            }
            Path temporary = getQuickStartWebXml().resolveSibling(getQuickStartWebXml().getFileName() + ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, getQuickStartWebXml(), StandardCopyOption.REPLACE_EXISTING);
            LOG.info("Training: wrote the quickstart descriptor of {} to {}", webApp.getContextPath(), getQuickStartWebXml());
        }
    }
}
