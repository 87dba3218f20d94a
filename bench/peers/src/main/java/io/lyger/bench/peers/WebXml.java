package io.lyger.bench.peers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The part of a WAR's {@code WEB-INF/web.xml} that {@link UndertowPeer} deploys: servlets (class, init parameters,
 * load-on-startup, async support) and their URL patterns. Undertow's embedded API takes a DeploymentInfo built in code;
 * web.xml parsing lives in WildFly (jboss-metadata-web, which brings WildFly's module system with it), so this reads
 * the elements the sample's web.xml uses with the JDK's XML parser, and refuses any other element, and a web.xml that
 * is not {@code metadata-complete} (its annotations would need a scan), with one line naming it: a WAR this reader
 * cannot deploy faithfully is never deployed partly.
 */
record WebXml(List<Servlet> servlets)
{
    /** One {@code <servlet>} with the patterns of its {@code <servlet-mapping>}s. */
    record Servlet(String name, String className, Map<String, String> initParameters, Integer loadOnStartup,
                   boolean asyncSupported, List<String> patterns)
    {
    }

    private static final Set<String> TOP = Set.of("display-name", "description", "servlet", "servlet-mapping");
    private static final Set<String> SERVLET = Set.of("servlet-name", "servlet-class", "init-param", "load-on-startup",
        "async-supported", "description", "display-name");

    static WebXml read(Path webXml) throws IOException
    {
        Element root;
        try
        {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            root = factory.newDocumentBuilder().parse(webXml.toFile()).getDocumentElement();
        }
        catch (ParserConfigurationException | SAXException e)
        {
            throw new IOException(webXml + ": " + e.getMessage(), e);
        }
        if (!"true".equals(root.getAttribute("metadata-complete")))
            throw new IOException(webXml + ": not metadata-complete; UndertowPeer does not scan classes for annotations");
        Map<String, Servlet> servlets = new LinkedHashMap<>();
        Map<String, List<String>> patterns = new LinkedHashMap<>();
        for (Element element : children(root))
        {
            String tag = element.getLocalName();
            if (!TOP.contains(tag))
                throw new IOException(webXml + ": <" + tag + "> is not read by UndertowPeer (it reads " + TOP + ")");
            if (tag.equals("servlet"))
            {
                Servlet servlet = servlet(webXml, element);
                servlets.put(servlet.name(), servlet);
            }
            else if (tag.equals("servlet-mapping"))
            {
                String name = text(child(element, "servlet-name"));
                for (Element pattern : children(element))
                    if (pattern.getLocalName().equals("url-pattern"))
                        patterns.computeIfAbsent(name, n -> new ArrayList<>()).add(text(pattern));
            }
        }
        List<Servlet> mapped = new ArrayList<>();
        for (Servlet servlet : servlets.values())
            mapped.add(new Servlet(servlet.name(), servlet.className(), servlet.initParameters(), servlet.loadOnStartup(),
                servlet.asyncSupported(), List.copyOf(patterns.getOrDefault(servlet.name(), List.of()))));
        for (String name : patterns.keySet())
            if (!servlets.containsKey(name))
                throw new IOException(webXml + ": <servlet-mapping> names no servlet: " + name);
        return new WebXml(List.copyOf(mapped));
    }

    private static Servlet servlet(Path webXml, Element element) throws IOException
    {
        Map<String, String> init = new LinkedHashMap<>();
        Integer loadOnStartup = null;
        boolean async = false;
        for (Element child : children(element))
        {
            String tag = child.getLocalName();
            if (!SERVLET.contains(tag))
                throw new IOException(webXml + ": <servlet><" + tag + "> is not read by UndertowPeer (it reads " + SERVLET + ")");
            switch (tag)
            {
                case "init-param" -> init.put(text(child(child, "param-name")), text(child(child, "param-value")));
                case "load-on-startup" -> loadOnStartup = text(child).isEmpty() ? 0 : Integer.valueOf(text(child));
                case "async-supported" -> async = Boolean.parseBoolean(text(child));
                default -> { }
            }
        }
        return new Servlet(text(child(element, "servlet-name")), text(child(element, "servlet-class")), init,
            loadOnStartup, async, List.of());
    }

    private static List<Element> children(Element parent)
    {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling())
            if (node instanceof Element element)
                elements.add(element);
        return elements;
    }

    private static Element child(Element parent, String tag) throws IOException
    {
        for (Element element : children(parent))
            if (element.getLocalName().equals(tag))
                return element;
        throw new IOException("web.xml: <" + parent.getLocalName() + "> without <" + tag + ">");
    }

    private static String text(Element element)
    {
        return element.getTextContent().strip();
    }
}
