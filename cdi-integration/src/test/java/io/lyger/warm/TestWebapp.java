package io.lyger.warm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Builds a small exploded web application for the tests: jars taken from the sample WAR's {@code WEB-INF/lib} (Weld,
 * the Jakarta APIs, and for JPA EclipseLink and H2), classes of {@code io.lyger.warm.testapp} copied from the test
 * class path, and files (web.xml, beans.xml, persistence.xml...) given as text.
 */
final class TestWebapp
{
    /** The jars a CDI web application needs: Weld and the Jakarta APIs. */
    static final Predicate<String> CDI_JARS = name -> name.contains("weld") || name.contains("jakarta.") || name.contains("jboss")
        || name.contains("classfilewriter");
    /** CDI plus JPA: EclipseLink (and the ASM it uses) and H2. */
    static final Predicate<String> JPA_JARS = CDI_JARS.or(name -> name.contains("org.eclipse.persistence") || name.startsWith("asm")
        || name.startsWith("h2-"));
    static final String BEANS_XML = "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.1\" bean-discovery-mode=\"annotated\"/>\n";

    private final Map<String, String> files = new LinkedHashMap<>();
    private Predicate<String> jars = CDI_JARS;
    private List<String> classes = List.of();

    TestWebapp jars(Predicate<String> jars)
    {
        this.jars = jars;
        return this;
    }

    /** @param classes simple names of classes in io.lyger.warm.testapp */
    TestWebapp classes(String... classes)
    {
        this.classes = List.of(classes);
        return this;
    }

    /** @param path relative to the web application's root, for example "WEB-INF/web.xml" */
    TestWebapp file(String path, String text)
    {
        files.put(path, text);
        return this;
    }

    /** A web.xml (metadata-complete) with one servlet per pair of arguments: url pattern, servlet class simple name. */
    TestWebapp servlets(String... patternAndClass)
    {
        StringBuilder xml = new StringBuilder("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.1\" metadata-complete=\"true\">\n");
        for (int i = 0; i < patternAndClass.length; i += 2)
        {
            String name = "s" + i;
            xml.append("  <servlet><servlet-name>").append(name).append("</servlet-name><servlet-class>io.lyger.warm.testapp.")
                .append(patternAndClass[i + 1]).append("</servlet-class></servlet>\n");
            xml.append("  <servlet-mapping><servlet-name>").append(name).append("</servlet-name><url-pattern>").append(patternAndClass[i])
                .append("</url-pattern></servlet-mapping>\n");
        }
        return file("WEB-INF/web.xml", xml.append("</web-app>\n").toString());
    }

    Path build(Path root) throws IOException
    {
        Path lib = root.resolve("WEB-INF/lib");
        Files.createDirectories(lib);
        try (ZipInputStream war = new ZipInputStream(Files.newInputStream(TestServer.sampleWar())))
        {
            for (ZipEntry entry; (entry = war.getNextEntry()) != null; )
            {
                String name = entry.getName();
                if (name.startsWith("WEB-INF/lib/") && name.endsWith(".jar") && jars.test(name.substring("WEB-INF/lib/".length())))
                    Files.copy(war, lib.resolve(name.substring("WEB-INF/lib/".length())), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path classesDir = root.resolve("WEB-INF/classes/io/lyger/warm/testapp");
        Files.createDirectories(classesDir);
        for (String name : classes)
        {
            try (InputStream in = TestWebapp.class.getResourceAsStream("/io/lyger/warm/testapp/" + name + ".class"))
            {
                if (in == null)
                    throw new IOException("no test class io.lyger.warm.testapp." + name);
                Files.copy(in, classesDir.resolve(name + ".class"));
            }
        }
        if (!files.containsKey("WEB-INF/beans.xml"))
            files.put("WEB-INF/beans.xml", BEANS_XML);
        for (Map.Entry<String, String> file : files.entrySet())
        {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return root;
    }
}
