package io.lyger.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.lyger.launcher.testwar.EchoEndpoint;
import io.lyger.launcher.testwar.JspStatusServlet;

/**
 * The test WAR of the container features: JSP pages (a scriptlet, EL, JSTL core and fmt, a tag file), a page that
 * does not compile, a Jakarta WebSocket echo endpoint ({@link EchoEndpoint} at {@code /echo}), and a
 * {@code WEB-INF/jetty-web.xml} that sets the init parameter {@code from.jetty-web}; and a context XML to put beside it.
 */
final class ContainerTestWar
{
    /** What {@code /hello.jsp?name=x} answers, with the two init parameters {@code ctx} and {@code jw} shown. */
    static final String HELLO_JSP = """
        <%@ page contentType="text/plain;charset=UTF-8" %><%@ taglib prefix="c" uri="jakarta.tags.core" %><%@ taglib prefix="fmt" uri="jakarta.tags.fmt" %><%@ taglib prefix="t" tagdir="/WEB-INF/tags" %>
        scriptlet=<%= 6 * 7 %>
        el=${1 + 2} ${param.name}
        core=<c:forEach var="i" begin="1" end="3">[${i}]</c:forEach><c:if test="${param.name == 'jsp'}"> if</c:if>
        fmt=<fmt:setLocale value="de_DE"/><fmt:formatNumber value="1234.5" minFractionDigits="2"/>
        tag=<t:greet name="${param.name}"/>
        ctx=${initParam['from.context-xml']}
        jw=${initParam['from.jetty-web']}
        """;

    private ContainerTestWar()
    {
    }

    /** Writes the WAR at {@code war}. */
    static Path write(Path war) throws IOException
    {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("hello.jsp", utf8(HELLO_JSP));
        entries.put("broken.jsp", utf8("<%@ page contentType=\"text/plain\" %><% int x = ; %>"));
        entries.put("WEB-INF/tags/greet.tag", utf8("<%@ tag body-content=\"empty\" %><%@ attribute name=\"name\" required=\"true\" %>Hello, ${name}!"));
        entries.put("WEB-INF/jetty-web.xml", utf8(configureXml("""
              <Call name="setInitParameter"><Arg>from.jetty-web</Arg><Arg>yes</Arg></Call>
            """)));
        String endpoint = EchoEndpoint.class.getName().replace('.', '/') + ".class";
        try (InputStream in = ContainerTestWar.class.getClassLoader().getResourceAsStream(endpoint))
        {
            entries.put("WEB-INF/classes/" + endpoint, in.readAllBytes());
        }
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war)))
        {
            for (Map.Entry<String, byte[]> entry : entries.entrySet())
            {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return war;
    }

    /**
     * Writes a WAR at {@code war} with {@link JspStatusServlet} at {@code /jsp-status}, a {@code hello.txt}, and the
     * {@code entries} given; an entry named {@code WEB-INF/lib/*.jar} is a jar holding the entries its value names
     * ({@code name=content} lines).
     */
    static Path writeWithStatus(Path war, Map<String, String> entries) throws IOException
    {
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("hello.txt", utf8("hello\n"));
        all.put("WEB-INF/classes/" + JspStatusServlet.class.getName().replace('.', '/') + ".class", classFile(JspStatusServlet.class));
        for (Map.Entry<String, String> entry : entries.entrySet())
        {
            if (!entry.getKey().startsWith("WEB-INF/lib/"))
            {
                all.put(entry.getKey(), utf8(entry.getValue()));
                continue;
            }
            Map<String, byte[]> inJar = new LinkedHashMap<>();
            entry.getValue().lines().forEach(line -> inJar.put(line.substring(0, line.indexOf('=')), utf8(line.substring(line.indexOf('=') + 1))));
            java.io.ByteArrayOutputStream jar = new java.io.ByteArrayOutputStream();
            zip(inJar, jar);
            all.put(entry.getKey(), jar.toByteArray());
        }
        try (java.io.OutputStream out = Files.newOutputStream(war))
        {
            zip(all, out);
        }
        return war;
    }

    private static byte[] classFile(Class<?> type) throws IOException
    {
        try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class"))
        {
            return in.readAllBytes();
        }
    }

    private static void zip(Map<String, byte[]> entries, java.io.OutputStream out) throws IOException
    {
        try (ZipOutputStream zip = new ZipOutputStream(out))
        {
            for (Map.Entry<String, byte[]> entry : entries.entrySet())
            {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
    }

    /**
     * Writes {@code app.xml} beside {@code app.war}: it moves the web application to {@code contextPath} and sets the
     * init parameter {@code from.context-xml} to the deployer's property {@code jetty.webapps} (the XML's directory).
     */
    static Path writeContextXml(Path war, String contextPath) throws IOException
    {
        String name = war.getFileName().toString().replaceFirst("\\.war$", "");
        return Files.writeString(war.resolveSibling(name + ".xml"), configureXml("""
              <Set name="contextPath">%s</Set>
              <Call name="setInitParameter"><Arg>from.context-xml</Arg><Arg><Property name="jetty.webapps"/></Arg></Call>
            """.formatted(contextPath)));
    }

    /** @return a Jetty XML file configuring an ee11 {@code WebAppContext} with {@code body}. */
    static String configureXml(String body)
    {
        return """
            <?xml version="1.0"?>
            <!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">
            <Configure class="org.eclipse.jetty.ee11.webapp.WebAppContext">
            %s</Configure>
            """.formatted(body);
    }

    /** @return what {@code /hello.jsp?name=jsp} answers, for a context XML in {@code webapps} (null: none). */
    static String expectedHello(Path webapps)
    {
        return """
            scriptlet=42
            el=3 jsp
            core=[1][2][3] if
            fmt=1.234,50
            tag=Hello, jsp!
            ctx=%s
            jw=yes""".formatted(webapps == null ? "" : webapps.toAbsolutePath().toString());
    }

    private static byte[] utf8(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
