package io.lyger.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import io.lyger.launcher.container.ContextXml;
import io.lyger.warm.WarmStart;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve --watch} (dev mode): looks at each WAR file or exploded WAR directory, and at its context XML (see
 * {@link ContextXml}), every interval and, once a change has settled (the same size and time stamps on two looks in a
 * row, and a WAR file that opens as a zip), redeploys that web application alone: its context is replaced by a new
 * one of the changed WAR while the server, its port and the other web applications stay up. The redeployed web
 * application is warmed up as at the start, and {@code /_lyger/health/ready} answers 503 until then. A redeployment
 * that fails is logged and leaves the context unavailable (503) until the next change; one whose context XML fails is
 * not done, the running web application stays.
 */
final class WarWatcher implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(WarWatcher.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable ->
    {
        Thread thread = new Thread(runnable, "lyger-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Watched> watched = new ArrayList<>();
    private final LygerServer server;

    private static final class Watched
    {
        final Deployment deployment;
        WebAppContext webApp;
        String deployed;
        String seen;

        Watched(Deployment deployment, WebAppContext webApp, String fingerprint)
        {
            this.deployment = deployment;
            this.webApp = webApp;
            this.deployed = fingerprint;
            this.seen = fingerprint;
        }
    }

    private WarWatcher(LygerServer server)
    {
        this.server = server;
    }

    /** Starts watching the web applications of {@code server}. */
    static WarWatcher watch(LygerServer server, long intervalMillis)
    {
        WarWatcher watcher = new WarWatcher(server);
        List<WebAppContext> webApps = new ArrayList<>(server.jetty().getContainedBeans(WebAppContext.class));
        for (Deployment deployment : server.deployments())
        {
            WebAppContext webApp = webApps.stream().filter(w -> Objects.equals(w.getContextPath(), deployment.contextPath())).findFirst().orElse(null);
            if (webApp == null)
            {
                LOG.warn("--watch: no web application at {} to redeploy", deployment.contextPath());
                continue;
            }
            watcher.watched.add(new Watched(deployment, webApp, watchedFingerprint(deployment.war())));
            LOG.info("Watching {}: it is redeployed at {} when it changes", deployment.war(), deployment.contextPath());
        }
        watcher.scheduler.scheduleWithFixedDelay(watcher::look, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        return watcher;
    }

    private void look()
    {
        for (Watched w : watched)
        {
            try
            {
                String now = watchedFingerprint(w.deployment.war());
                boolean settled = now.equals(w.seen);
                w.seen = now;
                if (!settled || now.equals(w.deployed) || now.isEmpty())
                    continue;
                if (Files.isRegularFile(w.deployment.war()) && !opensAsZip(w.deployment.war()))
                    continue; // still being written, or broken: look again at the next change
                w.deployed = now;
                redeploy(w);
            }
            catch (RuntimeException x)
            {
                LOG.warn("--watch: {}: {}", w.deployment.war(), Lyger.oneLine(x));
            }
        }
    }

    /**
     * Replaces the web application by a new {@code WebAppContext} of the changed WAR, as a first deployment makes it
     * (a context stopped and started again keeps listeners the old class loader's libraries registered in it, Weld's
     * among them, which then fail), then warms it up as the start did (its classes are new: the JIT has compiled none
     * of them). {@code /_lyger/health/ready} answers 503 from the stop to the end of that warm-up.
     */
    private void redeploy(Watched w)
    {
        long start = System.nanoTime();
        LOG.info("{} changed: redeploying it at {}", w.deployment.war(), w.deployment.contextPath());
        WebAppContext fresh;
        try
        {
            fresh = Lyger.newWebApp(w.deployment, server.jetty());
        }
        catch (LygerStartException x)
        {
            // a context XML that does not apply: the running web application is left as it is
            LOG.warn("Not redeploying {}: {}", w.deployment.war(), x.getMessage());
            return;
        }
        WarmStart warm = server.jetty().getBean(WarmStart.class);
        ContextHandlerCollection contexts = server.jetty().getDescendant(ContextHandlerCollection.class);
        if (warm != null)
            warm.redeploying(w.webApp);
        if (warm != null)
            warm.configure(fresh);
        try
        {
            w.webApp.stop();
            contexts.removeHandler(w.webApp);
            w.webApp = fresh;
            // Added to a started collection, a context is not started with it: start it, then let the collection
            // manage it so that stopping the server stops it (a context that failed to start answers 503).
            contexts.addHandler(fresh);
            try
            {
                fresh.start();
            }
            finally
            {
                contexts.manage(fresh);
            }
            Throwable unavailable = fresh.getUnavailableException();
            if (unavailable != null)
                throw unavailable;
            LOG.info("Redeployed {} at {} in {} ms", w.deployment.war(), w.deployment.contextPath(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        catch (Throwable x)
        {
            LOG.warn("Redeploying {} at {} failed, it answers 503 until it changes again: {}", w.deployment.war(), w.deployment.contextPath(),
                Lyger.oneLine(Lyger.rootCause(x)));
        }
        finally
        {
            if (warm != null)
                warm.redeployed(w.webApp, server.uri());
        }
    }

    private static boolean opensAsZip(Path war)
    {
        try (ZipFile zip = new ZipFile(war.toFile()))
        {
            return zip.size() > 0;
        }
        catch (IOException x)
        {
            return false;
        }
    }

    /** @return the fingerprint of a WAR and of its context XML (app.xml beside it), if it has one; "" if the WAR is gone. */
    static String watchedFingerprint(Path war)
    {
        String fingerprint = fingerprint(war);
        Path contextXml = ContextXml.find(war);
        return fingerprint.isEmpty() || contextXml == null ? fingerprint : fingerprint + "|" + fingerprint(contextXml);
    }

    /** @return size and modification times of a file, or of every file under a directory; "" if it is gone. */
    static String fingerprint(Path war)
    {
        try
        {
            if (!Files.isDirectory(war))
            {
                BasicFileAttributes attributes = Files.readAttributes(war, BasicFileAttributes.class);
                return attributes.size() + "@" + attributes.lastModifiedTime().toMillis() + "#" + attributes.fileKey();
            }
            long count = 0;
            long size = 0;
            long newest = 0;
            try (Stream<Path> paths = Files.walk(war))
            {
                for (Path path : (Iterable<Path>) paths::iterator)
                {
                    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                    count++;
                    size += attributes.size();
                    newest = Math.max(newest, attributes.lastModifiedTime().toMillis());
                }
            }
            return count + ":" + size + "@" + newest;
        }
        catch (IOException | java.io.UncheckedIOException x)
        {
            return "";
        }
    }

    @Override
    public void close()
    {
        scheduler.shutdownNow();
    }
}
