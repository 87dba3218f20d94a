package io.lyger.bench.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.ServletContainerInitializerInfo;
import io.undertow.servlet.api.ServletInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.annotation.HandlesTypes;

/**
 * A WAR as an Undertow servlet deployment, the way an embedder of Undertow deploys one: the WAR unpacked into a
 * temporary directory (Undertow serves a deployment's resources from a ResourceManager over a directory), a
 * {@link WarClassLoader} over its WEB-INF/classes and WEB-INF/lib, the servlets of its web.xml ({@link WebXml}), and
 * the {@code ServletContainerInitializer}s its own jars declare (META-INF/services, as the servlet specification has
 * containers discover them; Weld boots from its {@code EnhancedListener}). Undertow itself finds the
 * {@code io.undertow.servlet.ServletExtension}s on the deployment's class loader when it deploys: Weld's
 * {@code WeldServletExtension} makes the servlets' instances through Weld (injection). Everything else is
 * Undertow's default.
 */
final class UndertowWarDeployment
{
    private static final String SCI_SERVICE = "META-INF/services/" + ServletContainerInitializer.class.getName();

    private UndertowWarDeployment()
    {
    }

    /**
     * @return the deployment of {@code war} at {@code contextPath}: a WAR file unpacked under a directory deleted at
     * exit, an exploded WAR (bench's minimal WAR) served from where it is
     */
    static DeploymentInfo of(Path war, String contextPath) throws IOException, ReflectiveOperationException
    {
        Path root = war;
        if (!Files.isDirectory(war))
        {
            root = Files.createTempDirectory("bench-undertow-war");
            PeerServlets.deleteOnExit(root);
            unpack(war, root);
        }
        WarClassLoader loader = new WarClassLoader(war.getFileName().toString(), classPath(root), UndertowPeer.class.getClassLoader());
        DeploymentInfo deployment = Servlets.deployment().setClassLoader(loader).setContextPath(contextPath)
            .setDeploymentName(war.getFileName().toString()).setResourceManager(new PathResourceManager(root));
        for (WebXml.Servlet s : WebXml.read(root.resolve("WEB-INF/web.xml")).servlets())
        {
            ServletInfo servlet = Servlets.servlet(s.name(), loader.loadClass(s.className()).asSubclass(Servlet.class))
                .addMappings(s.patterns()).setAsyncSupported(s.asyncSupported());
            s.initParameters().forEach(servlet::addInitParam);
            if (s.loadOnStartup() != null)
                servlet.setLoadOnStartup(s.loadOnStartup());
            deployment.addServlet(servlet);
        }
        for (String name : initializers(loader))
        {
            Class<? extends ServletContainerInitializer> type = loader.loadClass(name).asSubclass(ServletContainerInitializer.class);
            if (type.isAnnotationPresent(HandlesTypes.class))
                throw new IOException(war + ": " + name + " declares @HandlesTypes, and UndertowPeer does not scan the WAR's classes");
            deployment.addServletContainerInitializer(new ServletContainerInitializerInfo(type,
                new ImmediateInstanceFactory<>(type.getDeclaredConstructor().newInstance()), Set.of()));
        }
        return deployment;
    }

    /** @return the initializers named in the WAR's own service files (not the server's class path's) */
    private static List<String> initializers(WarClassLoader loader) throws IOException
    {
        List<String> names = new ArrayList<>();
        for (URL service : Collections.list(loader.findResources(SCI_SERVICE)))
            try (InputStream in = service.openStream();
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
            {
                reader.lines().map(line -> line.replaceFirst("#.*", "").strip()).filter(line -> !line.isEmpty())
                    .filter(line -> !names.contains(line)).forEach(names::add);
            }
        return names;
    }

    private static URL[] classPath(Path root) throws IOException
    {
        List<URL> urls = new ArrayList<>();
        urls.add(root.resolve("WEB-INF/classes").toUri().toURL());
        Path lib = root.resolve("WEB-INF/lib");
        if (Files.isDirectory(lib))
            try (Stream<Path> jars = Files.list(lib))
            {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList())
                    urls.add(jar.toUri().toURL());
            }
        return urls.toArray(URL[]::new);
    }

    private static void unpack(Path war, Path root) throws IOException
    {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(war)))
        {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; )
            {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root))
                    throw new IOException(war + ": entry outside the WAR: " + entry.getName());
                if (entry.isDirectory())
                    Files.createDirectories(target);
                else
                {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
