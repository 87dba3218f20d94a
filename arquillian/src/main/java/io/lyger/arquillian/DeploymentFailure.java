package io.lyger.arquillian;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import javax.xml.parsers.SAXParserFactory;

import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.asset.ArchiveAsset;
import org.jboss.shrinkwrap.api.asset.Asset;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Says which part of a deployment failed: the descriptor and line of a parse error, or the class of the archive
 * (in {@code WEB-INF/classes} or a jar of {@code WEB-INF/lib}) that threw.
 */
final class DeploymentFailure
{
    private DeploymentFailure()
    {
    }

    /** @return {@code " (descriptor WEB-INF/web.xml, line 3)"}, {@code " (thrown by com.example.Foo.init)"} or "". */
    static String culprit(Throwable failure, Archive<?> archive)
    {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause())
        {
            if (t instanceof SAXParseException parse)
            {
                // Jetty parses descriptors from streams: the exception seldom says which. Parse the archive's own.
                if (parse.getSystemId() != null)
                    return " (descriptor " + descriptor(parse.getSystemId()) + ", line " + parse.getLineNumber() + ")";
                String malformed = firstMalformedDescriptor(archive);
                return malformed == null ? " (line " + parse.getLineNumber() + " of a descriptor)" : " (descriptor " + malformed + ")";
            }
        }
        // The deepest cause's frames, from where it was thrown down to the deployment call: the first class of the
        // application's own (WEB-INF/classes) is named, else the first of its libraries (WEB-INF/lib).
        Throwable deepest = failure;
        seen.clear();
        while (deepest.getCause() != null && seen.add(deepest))
            deepest = deepest.getCause();
        String inLibrary = null;
        for (StackTraceElement frame : deepest.getStackTrace())
        {
            if (frame.getClassName().startsWith("io.lyger.launcher."))
                break;
            String where = where(archive, frame.getClassName());
            if ("classes".equals(where))
                return " (thrown by " + frame.getClassName() + "." + frame.getMethodName() + ")";
            if (where != null && inLibrary == null)
                inLibrary = " (thrown by " + frame.getClassName() + "." + frame.getMethodName() + " in " + where + ")";
        }
        return inLibrary == null ? "" : inLibrary;
    }

    /** @return the path inside the WAR of a descriptor's URL ({@code jar:file:/x.war!/WEB-INF/web.xml} → WEB-INF/web.xml). */
    static String descriptor(String systemId)
    {
        int bang = systemId.lastIndexOf("!/");
        if (bang >= 0)
            return systemId.substring(bang + 2);
        int webInf = systemId.lastIndexOf("/WEB-INF/");
        if (webInf >= 0)
            return systemId.substring(webInf + 1);
        int metaInf = systemId.lastIndexOf("/META-INF/");
        return metaInf >= 0 ? systemId.substring(metaInf + 1) : systemId;
    }

    /** @return {@code "WEB-INF/web.xml, line 5"} for the first descriptor of the archive that is not well-formed XML. */
    static String firstMalformedDescriptor(Archive<?> archive)
    {
        List<String> names = new ArrayList<>();
        List<Asset> assets = new ArrayList<>();
        for (String path : List.of("/WEB-INF/web.xml", "/WEB-INF/jetty-web.xml", "/WEB-INF/jetty-env.xml"))
        {
            Node node = archive.get(path);
            if (node != null && node.getAsset() != null)
            {
                names.add(path.substring(1));
                assets.add(node.getAsset());
            }
        }
        Node lib = archive.get("/WEB-INF/lib");
        if (lib != null)
        {
            for (Node jar : lib.getChildren())
            {
                if (jar.getAsset() instanceof ArchiveAsset nested)
                {
                    Node fragment = nested.getArchive().get("/META-INF/web-fragment.xml");
                    if (fragment != null && fragment.getAsset() != null)
                    {
                        names.add(jar.getPath().get().substring(1) + "!/META-INF/web-fragment.xml");
                        assets.add(fragment.getAsset());
                    }
                }
            }
        }
        for (int i = 0; i < names.size(); i++)
        {
            try (InputStream in = assets.get(i).openStream())
            {
                SAXParserFactory factory = SAXParserFactory.newInstance();
                factory.setNamespaceAware(true);
                factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                factory.newSAXParser().parse(in, new DefaultHandler());
            }
            catch (SAXParseException x)
            {
                return names.get(i) + ", line " + x.getLineNumber();
            }
            catch (Exception ignored)
            {
                // not a parse error: not this descriptor
            }
        }
        return null;
    }

    /** @return "classes" if the class is in WEB-INF/classes, "WEB-INF/lib/x.jar" if in that jar, null if not in the WAR. */
    private static String where(Archive<?> archive, String className)
    {
        String classFile = className.replace('.', '/') + ".class";
        if (archive.contains("/WEB-INF/classes/" + classFile))
            return "classes";
        Node lib = archive.get("/WEB-INF/lib");
        if (lib == null)
            return null;
        for (Node jar : lib.getChildren())
        {
            if (jar.getAsset() instanceof ArchiveAsset nested && nested.getArchive().contains("/" + classFile))
                return jar.getPath().get().substring(1);
        }
        return null;
    }
}
