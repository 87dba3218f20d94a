package io.lyger.tck.filter;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;

import io.lyger.tck.support.FilterXml;
import io.lyger.tck.support.Http;
import io.lyger.tck.support.WebXml;
import jakarta.servlet.http.HttpServlet;
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

/**
 * The chain of web.xml filter mappings: URL-pattern mappings in their order, then servlet-name mappings in theirs
 * (servlet-name {@code *} matches every servlet), unwinding in reverse. Every filter is {@link Mark}: the body shows
 * the nesting.
 */
@ExtendWith(ArquillianExtension.class)
class FilterChainOrderIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        WebXml webXml = WebXml.webApp().servlet("Target", Target.class, "/chain/*", "*.do").servlet("Other", Other.class, "/plain");
        for (String name : new String[] {"A", "B", "C", "D", "E", "F", "G"})
            webXml.xml(FilterXml.filter(name, Mark.class));
        webXml.xml(FilterXml.servletMapping("B", "Target"))
            .xml(FilterXml.urlMapping("C", "/chain/*"))
            .xml(FilterXml.urlMapping("A", "/*"))
            .xml(FilterXml.urlMapping("D", "*.do"))
            .xml(FilterXml.servletMapping("E", "*"))
            .xml(FilterXml.urlMapping("F", "/plain"));
        return ShrinkWrap.create(WebArchive.class, "filter-order.war").addClasses(Mark.class, Target.class, Other.class)
            .setWebXML(webXml.asset());
    }

    @ArquillianResource
    URL base;

    public static class Target extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.getWriter().print("S");
        }
    }

    public static class Other extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.getWriter().print("O");
        }
    }

    private String body(String path)
    {
        HttpResponse<String> response = Http.get(base, path);
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    @Test
    void urlPatternFiltersComeFirstInMappingOrderThenServletNameFilters()
    {
        assertEquals("C(A(B(E(S)E)B)A)C", body("chain/x"));
    }

    @Test
    void extensionMappedFilterJoinsTheChain()
    {
        assertEquals("A(D(B(E(S)E)B)D)A", body("page.do"));
    }

    @Test
    void exactMappedFilterAndOnlyTheNameMappingsOfThatServlet()
    {
        assertEquals("A(F(E(O)E)F)A", body("plain"));
    }

    @Test
    void servletNameStarMatchesEveryServlet()
    {
        assertTrue(body("chain/y").contains("(E(S)E)"), "E wraps the Target servlet");
        assertTrue(body("plain").contains("(E(O)E)"), "E wraps the Other servlet");
    }

    @Test
    void filtersOfOtherPatternsAreLeftOut()
    {
        String body = body("chain/plain.txt");
        assertFalse(body.contains("D(") || body.contains("F("), body);
    }

    @Test
    void declaredButUnmappedFilterNeverRuns()
    {
        for (String path : new String[] {"chain/x", "x.do", "plain"})
            assertFalse(body(path).contains("G("), path);
    }
}
