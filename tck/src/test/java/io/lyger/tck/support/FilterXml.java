package io.lyger.tck.support;

/**
 * {@code <filter>} and {@code <filter-mapping>} elements for {@link WebXml#xml(String)}, where an annotation cannot say
 * the order of a chain or one class under several names:
 * <pre>{@code
 * WebXml.webApp().xml(FilterXml.filter("first", Mark.class))
 *     .xml(FilterXml.urlMapping("first", "/*", "REQUEST", "FORWARD"))
 *     .xml(FilterXml.servletMapping("first", "Target"));
 * }</pre>
 */
public final class FilterXml
{
    private FilterXml()
    {
    }

    /** @return a {@code <filter>}, async supported, with init parameters as name, value pairs. */
    public static String filter(String name, Class<?> type, String... initParams)
    {
        if (initParams.length % 2 != 0)
            throw new IllegalArgumentException("init parameters come in name, value pairs");
        StringBuilder xml = new StringBuilder("<filter><filter-name>").append(name).append("</filter-name><filter-class>")
            .append(type.getName()).append("</filter-class><async-supported>true</async-supported>");
        for (int i = 0; i < initParams.length; i += 2)
            xml.append("<init-param><param-name>").append(initParams[i]).append("</param-name><param-value>")
                .append(initParams[i + 1]).append("</param-value></init-param>");
        return xml.append("</filter>").toString();
    }

    /** @return a {@code <filter-mapping>} of {@code name} to a URL pattern, for these dispatcher types (none: REQUEST). */
    public static String urlMapping(String name, String pattern, String... dispatchers)
    {
        return mapping(name, "<url-pattern>" + pattern + "</url-pattern>", dispatchers);
    }

    /** @return a {@code <filter-mapping>} of {@code name} to a servlet name, for these dispatcher types (none: REQUEST). */
    public static String servletMapping(String name, String servletName, String... dispatchers)
    {
        return mapping(name, "<servlet-name>" + servletName + "</servlet-name>", dispatchers);
    }

    private static String mapping(String name, String target, String... dispatchers)
    {
        StringBuilder xml = new StringBuilder("<filter-mapping><filter-name>").append(name).append("</filter-name>").append(target);
        for (String dispatcher : dispatchers)
            xml.append("<dispatcher>").append(dispatcher).append("</dispatcher>");
        return xml.append("</filter-mapping>").toString();
    }
}
