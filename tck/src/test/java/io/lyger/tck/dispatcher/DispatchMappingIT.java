package io.lyger.tck.dispatcher;

import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.lyger.tck.support.Answers;
import io.lyger.tck.support.DispatchServlet;
import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.TextServlet;
import io.lyger.tck.support.WebXml;
import jakarta.servlet.annotation.WebServlet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * getHttpServletMapping of forwarded and included requests, for every kind of mapping of the target (exact, path,
 * extension, context root, default), and the {@code jakarta.servlet.forward.mapping} / {@code include.mapping}
 * attributes.
 */
@ExtendWith(ArquillianExtension.class)
class DispatchMappingIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "dispatcher-mapping.war")
            .addClasses(KeyValues.class, TextServlet.class, Dump.class, DispatchServlet.class, Fwd.class, Inc.class)
            .setWebXML(WebXml.webApp().servlet("Reporter", Dump.class, "", "/", "/exact", "/path/*", "*.ext").asset());
    }

    @ArquillianResource
    URL base;

    @WebServlet(name = "Fwd", urlPatterns = "/fwd")
    public static class Fwd extends DispatchServlet
    {
    }

    @WebServlet(name = "Inc", urlPatterns = "/inc")
    public static class Inc extends DispatchServlet
    {
        public Inc()
        {
            super(null, true);
        }
    }

    private Map<String, String> via(String dispatcher, String to)
    {
        return Answers.values(Http.get(base, dispatcher + "?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8)), 200);
    }

    @Test
    void forwardToAnExactMapping()
    {
        Map<String, String> dump = via("fwd", "/exact");
        assertEquals("EXACT /exact 'exact' Reporter", dump.get("mapping"));
        assertEquals("EXACT /fwd 'fwd' Fwd", dump.get("forward.mapping"));
    }

    @Test
    void forwardToAPathMapping()
    {
        assertEquals("PATH /path/* 'a/b' Reporter", via("fwd", "/path/a/b").get("mapping"));
    }

    @Test
    void forwardToAnExtensionMapping()
    {
        assertEquals("EXTENSION *.ext 'dir/page' Reporter", via("fwd", "/dir/page.ext").get("mapping"));
    }

    @Test
    void forwardToTheContextRoot()
    {
        assertEquals("CONTEXT_ROOT  '' Reporter", via("fwd", "/").get("mapping"));
    }

    @Test
    void forwardToTheDefaultMapping()
    {
        Map<String, String> dump = via("fwd", "/not/mapped");
        assertEquals("DEFAULT / '' Reporter", dump.get("mapping"));
        assertEquals("/not/mapped", dump.get("servlet"));
    }

    @Test
    void includeKeepsTheCallersMapping()
    {
        Map<String, String> dump = via("inc", "/path/z");
        assertEquals("EXACT /inc 'inc' Inc", dump.get("mapping"));
        assertEquals("PATH /path/* 'z' Reporter", dump.get("include.mapping"));
        assertEquals("null", dump.get("forward.mapping"));
    }

    @Test
    void includeOfAnExtensionMapping()
    {
        assertEquals("EXTENSION *.ext 'x' Reporter", via("inc", "/x.ext").get("include.mapping"));
    }

    @Test
    void directRequestHasNoDispatchMappingAttributes()
    {
        HttpResponse<String> response = Http.get(base, "path/direct");
        Map<String, String> dump = KeyValues.parse(response.body());
        assertEquals("PATH /path/* 'direct' Reporter", dump.get("mapping"));
        assertEquals("null", dump.get("forward.mapping"));
        assertEquals("null", dump.get("include.mapping"));
    }
}
