package io.lyger.launcher.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.lyger.launcher.LygerStartException;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.xml.XmlConfiguration;
import org.xml.sax.SAXParseException;

/**
 * A web application's context XML, as Jetty's deployer reads it: {@code app.xml} beside {@code app.war} (or beside
 * the exploded directory {@code app/}) is a Jetty XML file ({@code <Configure class="org.eclipse.jetty.ee11.webapp.WebAppContext">})
 * applied to the web application's {@code WebAppContext} before it starts, once Lyger has set its WAR and context
 * path (the XML may change either).
 * <p>
 * The XML sees what Jetty's deployer gives it (StandardContextHandlerFactory): the ids {@code Server} and
 * {@code Environment} ({@code ee11}), and the properties {@code jetty.home}, {@code jetty.base} (from the system
 * properties of those names, else the working directory), {@code jetty.webapp} (the XML file),
 * {@code jetty.webapps} (its directory) and {@code jetty.webapps.uri}.
 * <p>
 * A WAR's own {@code WEB-INF/jetty-web.xml} needs nothing here: Jetty's {@code JettyWebXmlConfiguration} is one of
 * the {@code WebAppContext}'s default configurations.
 */
public final class ContextXml
{
    private ContextXml()
    {
    }

    /** @return {@code app.xml} beside the WAR file {@code app.war} or the directory {@code app/}; null if there is none. */
    public static Path find(Path war)
    {
        Path absolute = war.toAbsolutePath().normalize();
        Path fileName = absolute.getFileName();
        if (fileName == null || absolute.getParent() == null)
            return null;
        String name = fileName.toString();
        if (!Files.isDirectory(absolute) && name.toLowerCase(Locale.ROOT).endsWith(".war"))
            name = name.substring(0, name.length() - 4);
        Path xml = absolute.getParent().resolve(name + ".xml");
        return Files.isRegularFile(xml) ? xml : null;
    }

    /**
     * Applies the context XML of {@code war}, if it has one, to {@code webApp}.
     *
     * @throws LygerStartException ({@link LygerStartException.Reason#DEPLOYMENT_FAILED}) naming the file, and the line
     * for malformed XML, when the XML cannot be read or fails to configure the web application
     */
    public static void apply(WebAppContext webApp, Path war, Server server)
    {
        Path xml = find(war);
        if (xml == null)
            return;
        try (ResourceFactory.Closeable resources = ResourceFactory.closeable())
        {
            XmlConfiguration configuration = new XmlConfiguration(resources.newResource(xml));
            configuration.getIdMap().put("Environment", "ee11");
            configuration.setJettyStandardIdsAndProperties(server, xml);
            configuration.configure(webApp);
        }
        catch (Throwable failure)
        {
            throw new LygerStartException(LygerStartException.Reason.DEPLOYMENT_FAILED,
                "cannot deploy " + war + ": context XML " + xml + ": " + why(failure), failure);
        }
    }

    /** @return one line: {@code line N: message} for malformed XML, else the first cause's class and message. */
    private static String why(Throwable failure)
    {
        for (Throwable t = failure; t != null; t = t.getCause())
        {
            if (t instanceof SAXParseException parse)
                return "line " + parse.getLineNumber() + ": " + firstLine(parse.getMessage());
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root)
            root = root.getCause();
        String message = firstLine(root.getMessage());
        return message.isEmpty() ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + message;
    }

    private static String firstLine(String message)
    {
        return message == null ? "" : message.lines().findFirst().orElse("").trim();
    }
}
