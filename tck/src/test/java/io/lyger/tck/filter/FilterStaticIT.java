package io.lyger.tck.filter;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.lyger.tck.support.FilterXml;
import io.lyger.tck.support.Http;
import io.lyger.tck.support.TextServlet;
import io.lyger.tck.support.WebXml;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Filters in front of the default servlet: mapped by its name, by extension, guarding a folder of static files. */
@ExtendWith(ArquillianExtension.class)
class FilterStaticIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "filter-static.war")
            .addClasses(TextServlet.class, BufferedResponse.class, Tag.class, UpperCase.class, Guard.class, Dynamic.class)
            .addAsWebResource(new StringAsset("hello static"), "hello.txt")
            .addAsWebResource(new StringAsset("<p>page</p>"), "page.html")
            .addAsWebResource(new StringAsset("top secret"), "private/secret.txt")
            .setWebXML(WebXml.webApp()
                .xml(FilterXml.filter("tag", Tag.class)).xml(FilterXml.servletMapping("tag", "default"))
                .xml(FilterXml.filter("upper", UpperCase.class)).xml(FilterXml.urlMapping("upper", "*.txt"))
                .xml(FilterXml.filter("guard", Guard.class)).xml(FilterXml.urlMapping("guard", "/private/*"))
                .asset());
    }

    @ArquillianResource
    URL base;

    public static class Tag extends HttpFilter
    {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException
        {
            response.setHeader("X-Default-Servlet", "filtered");
            chain.doFilter(request, response);
        }
    }

    public static class Guard extends HttpFilter
    {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException
        {
            response.sendError(403, "guarded");
        }
    }

    @WebServlet("/dynamic")
    public static class Dynamic extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            return "dynamic";
        }
    }

    @Test
    void filterMappedToTheDefaultServletRunsForStaticFiles()
    {
        HttpResponse<String> response = Http.get(base, "page.html");
        assertEquals(200, response.statusCode());
        assertEquals("<p>page</p>", response.body());
        assertEquals("filtered", response.headers().firstValue("X-Default-Servlet").orElse(null));
    }

    @Test
    void filterMappedToTheDefaultServletSkipsOtherServlets()
    {
        HttpResponse<String> response = Http.get(base, "dynamic");
        assertEquals("dynamic", response.body());
        assertFalse(response.headers().firstValue("X-Default-Servlet").isPresent());
    }

    @Test
    void filterRewritesStaticContent()
    {
        HttpResponse<String> response = Http.get(base, "hello.txt");
        assertEquals(200, response.statusCode());
        assertEquals("HELLO STATIC", response.body());
        assertEquals(String.valueOf("HELLO STATIC".getBytes(StandardCharsets.UTF_8).length),
            response.headers().firstValue("Content-Length").orElse(null));
    }

    @Test
    void filterGuardsStaticContent()
    {
        HttpResponse<String> response = Http.get(base, "private/secret.txt");
        assertEquals(403, response.statusCode());
        assertFalse(response.body().toLowerCase(Locale.ROOT).contains("top secret"), response.body());
    }

    @Test
    void staticFilesOutsideTheGuardedFolderAreServed()
    {
        HttpResponse<String> response = Http.get(base, "hello.txt");
        assertTrue(response.headers().firstValue("X-Default-Servlet").isPresent());
        assertEquals(200, response.statusCode());
    }
}
