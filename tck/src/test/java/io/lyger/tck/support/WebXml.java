package io.lyger.tck.support;

import org.jboss.shrinkwrap.api.asset.StringAsset;

/**
 * A {@code web.xml} (Servlet 6.1) built in a test, for mappings an annotation cannot express (one servlet class at
 * several patterns, the context root {@code ""}, init parameters) and for descriptor-only settings:
 * <pre>{@code
 * archive.setWebXML(WebXml.webApp().servlet(Dump.class, "/exact", "/prefix/*", "*.do")
 *     .xml("<request-character-encoding>UTF-8</request-character-encoding>").asset());
 * }</pre>
 * Annotations are still scanned ({@code metadata-complete="false"}).
 */
public final class WebXml
{
    private final StringBuilder body = new StringBuilder();

    private WebXml()
    {
    }

    /** @return an empty descriptor. */
    public static WebXml webApp()
    {
        return new WebXml();
    }

    /** Declares {@code type} under its simple name and maps it to {@code patterns}. */
    public WebXml servlet(Class<?> type, String... patterns)
    {
        return servlet(type.getSimpleName(), type, patterns);
    }

    /** Declares {@code type} as servlet {@code name} and maps it to {@code patterns}. */
    public WebXml servlet(String name, Class<?> type, String... patterns)
    {
        body.append("  <servlet><servlet-name>").append(name).append("</servlet-name><servlet-class>")
            .append(type.getName()).append("</servlet-class></servlet>\n");
        body.append("  <servlet-mapping><servlet-name>").append(name).append("</servlet-name>");
        for (String pattern : patterns)
            body.append("<url-pattern>").append(pattern).append("</url-pattern>");
        body.append("</servlet-mapping>\n");
        return this;
    }

    /** Appends elements of {@code <web-app>} as they are. */
    public WebXml xml(String elements)
    {
        body.append("  ").append(elements).append('\n');
        return this;
    }

    /** @return the whole descriptor. */
    @Override
    public String toString()
    {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\"\n"
            + "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
            + "         xsi:schemaLocation=\"https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_1.xsd\"\n"
            + "         version=\"6.1\" metadata-complete=\"false\">\n"
            + body
            + "</web-app>\n";
    }

    /** @return the descriptor for {@code WebArchive.setWebXML}. */
    public StringAsset asset()
    {
        return new StringAsset(toString());
    }
}
