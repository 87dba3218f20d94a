package io.lyger.tck.request;

import java.net.URL;
import java.util.Collections;
import java.util.Map;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.TextServlet;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request attributes (Servlet 6.1 §3.10): set, replace, remove (also by null), names, scope of one request. */
@ExtendWith(ArquillianExtension.class)
class AttributesIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "request-attributes.war").addClasses(TextServlet.class, KeyValues.class, Attributes.class);
    }

    @ArquillianResource
    URL base;

    /** Works through attributes step by step, reporting what each step sees; {@code ?mark=v} leaves an attribute behind. */
    @WebServlet("/attributes")
    public static class Attributes extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            KeyValues values = new KeyValues().put("leftover", request.getAttribute("tck.mark"));
            if (request.getParameter("mark") != null)
                request.setAttribute("tck.mark", request.getParameter("mark"));
            request.setAttribute("tck.string", "text");
            request.setAttribute("tck.number", 42);
            values.put("string", request.getAttribute("tck.string"))
                .put("numberType", request.getAttribute("tck.number").getClass().getSimpleName());
            request.setAttribute("tck.string", "replaced");
            values.put("replaced", request.getAttribute("tck.string"));
            values.put("names", String.join(",", Collections.list(request.getAttributeNames()).stream()
                .filter(n -> n.startsWith("tck.")).sorted().toList()));
            request.setAttribute("tck.number", null);
            values.put("afterNull", request.getAttribute("tck.number"));
            request.removeAttribute("tck.string");
            values.put("afterRemove", request.getAttribute("tck.string"));
            values.put("removeAbsent", result(() -> {
                request.removeAttribute("tck.never-set");
                return "ok";
            }));
            values.put("namesAfter", String.join(",", Collections.list(request.getAttributeNames()).stream()
                .filter(n -> n.startsWith("tck.")).sorted().toList()));
            return values.toString();
        }
    }

    private Map<String, String> run(String path)
    {
        var response = Http.get(base, path);
        assertEquals(200, response.statusCode());
        return KeyValues.parse(response.body());
    }

    @Test
    void setAttributeKeepsTheObject()
    {
        Map<String, String> values = run("attributes");
        assertEquals("text", values.get("string"));
        assertEquals("Integer", values.get("numberType"));
    }

    @Test
    void setAttributeReplaces()
    {
        assertEquals("replaced", run("attributes").get("replaced"));
    }

    @Test
    void attributeNamesListWhatWasSet()
    {
        assertEquals("tck.number,tck.string", run("attributes").get("names"));
    }

    @Test
    void settingNullRemoves()
    {
        Map<String, String> values = run("attributes");
        assertEquals("null", values.get("afterNull"));
        assertFalse(values.get("namesAfter").contains("tck.number"));
    }

    @Test
    void removeAttribute()
    {
        Map<String, String> values = run("attributes");
        assertEquals("null", values.get("afterRemove"));
        assertEquals("ok", values.get("removeAbsent"));
        assertEquals("", values.get("namesAfter"));
    }

    /** Attributes live as long as their request: the next request on the same connection does not see them. */
    @Test
    void attributesDoNotOutliveTheRequest()
    {
        Map<String, String> first = run("attributes?mark=one");
        Map<String, String> second = run("attributes?mark=two");
        assertEquals("null", first.get("leftover"));
        assertEquals("null", second.get("leftover"));
        assertTrue(second.get("names").contains("tck.mark"));
    }
}
