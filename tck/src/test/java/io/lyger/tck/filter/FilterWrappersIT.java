package io.lyger.tck.filter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import io.lyger.tck.support.Answers;
import io.lyger.tck.support.DispatchServlet;
import io.lyger.tck.support.FilterXml;
import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.TextServlet;
import io.lyger.tck.support.WebXml;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
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

/** Filters that wrap the request (headers, parameters, body) and the response (body, headers), also across a forward. */
@ExtendWith(ArquillianExtension.class)
class FilterWrappersIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "filter-wrappers.war")
            .addClasses(KeyValues.class, TextServlet.class, BufferedResponse.class, Report.class, Forwarder.class,
                HeaderWrap.class, ParameterWrap.class, BodyWrap.class, UpperCase.class, RenameHeader.class, DispatchServlet.class, HeaderRequest.class,
                ParameterRequest.class, BodyRequest.class, Body.class, RenamingResponse.class)
            .setWebXML(WebXml.webApp().xml(FilterXml.filter("upper", UpperCase.class)).xml(FilterXml.urlMapping("upper", "/upper/*")).asset());
    }

    @ArquillianResource
    URL base;

    /** Reports the request as the servlet sees it, and sets a header X-Internal. */
    @WebServlet({"/headers/*", "/params/*", "/body/*", "/upper/*", "/rename/*", "/target"})
    public static class Report extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.setHeader("X-Internal", "secret");
            return new KeyValues().put("X-Name", request.getHeader("X-Name"))
                .put("X-Names", Collections.list(request.getHeaders("X-Name")))
                .put("X-Added", request.getHeader("X-Added"))
                .put("names", new TreeSet<>(Collections.list(request.getHeaderNames()).stream().map(n -> n.toLowerCase(Locale.ROOT)).toList()).contains("x-added"))
                .put("extra", request.getParameter("extra"))
                .put("map", new TreeSet<>(request.getParameterMap().keySet()))
                .put("body", new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .put("path", request.getServletPath())
                .toString();
        }
    }

    @WebServlet("/forward/*")
    public static class Forwarder extends DispatchServlet
    {
        public Forwarder()
        {
            super("/target", false);
        }
    }

    /** X-Name is seen as "wrapped:" + the sent value; an X-Added header appears. */
    @WebFilter({"/headers/*", "/forward/*"})
    public static class HeaderWrap extends HttpFilter
    {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException
        {
            chain.doFilter(new HeaderRequest(request), response);
        }
    }

    /** The request of {@link HeaderWrap} (named: ShrinkWrap leaves anonymous classes out of the archive). */
    public static class HeaderRequest extends HttpServletRequestWrapper
    {
        public HeaderRequest(HttpServletRequest request)
        {
            super(request);
        }

        @Override
        public String getHeader(String name)
        {
            if (name.equalsIgnoreCase("X-Added"))
                return "added";
            String value = super.getHeader(name);
            return name.equalsIgnoreCase("X-Name") && value != null ? "wrapped:" + value : value;
        }

        @Override
        public Enumeration<String> getHeaders(String name)
        {
            String value = getHeader(name);
            return name.equalsIgnoreCase("X-Name") || name.equalsIgnoreCase("X-Added")
                ? Collections.enumeration(value == null ? List.of() : List.of(value)) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames()
        {
            List<String> names = new ArrayList<>(Collections.list(super.getHeaderNames()));
            names.add("X-Added");
            return Collections.enumeration(names);
        }
    }

    @WebFilter("/params/*")
    public static class ParameterWrap extends HttpFilter
    {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException
        {
            chain.doFilter(new ParameterRequest(request), response);
        }
    }

    public static class ParameterRequest extends HttpServletRequestWrapper
    {
        public ParameterRequest(HttpServletRequest request)
        {
            super(request);
        }

        @Override
        public String getParameter(String name)
        {
            return name.equals("extra") ? "from filter" : super.getParameter(name);
        }

        @Override
        public Map<String, String[]> getParameterMap()
        {
            Map<String, String[]> map = new HashMap<>(super.getParameterMap());
            map.put("extra", new String[] {"from filter"});
            return map;
        }
    }

    /** The servlet reads "replaced body" whatever was sent. */
    @WebFilter("/body/*")
    public static class BodyWrap extends HttpFilter
    {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException
        {
            chain.doFilter(new BodyRequest(request, "replaced body"), response);
        }
    }

    public static class BodyRequest extends HttpServletRequestWrapper
    {
        private final ByteArrayInputStream body;

        public BodyRequest(HttpServletRequest request, String body)
        {
            super(request);
            this.body = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public ServletInputStream getInputStream()
        {
            return new Body(body);
        }
    }

    public static class Body extends ServletInputStream
    {
        private final ByteArrayInputStream bytes;

        public Body(ByteArrayInputStream bytes)
        {
            this.bytes = bytes;
        }

        @Override
        public boolean isFinished()
        {
            return bytes.available() == 0;
        }

        @Override
        public boolean isReady()
        {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read()
        {
            return bytes.read();
        }
    }

    /** The servlet's X-Internal header goes out as X-Public. */
    @WebFilter("/rename/*")
    public static class RenameHeader extends HttpFilter
    {
        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException
        {
            chain.doFilter(request, new RenamingResponse(response));
        }
    }

    public static class RenamingResponse extends HttpServletResponseWrapper
    {
        public RenamingResponse(HttpServletResponse response)
        {
            super(response);
        }

        @Override
        public void setHeader(String name, String value)
        {
            super.setHeader(name.equalsIgnoreCase("X-Internal") ? "X-Public" : name, value);
        }
    }

    private static Map<String, String> report(HttpResponse<String> response)
    {
        return Answers.values(response, 200);
    }

    @Test
    void requestWrapperChangesAHeader()
    {
        Map<String, String> values = report(Http.get(base, "headers/x", "X-Name", "sent"));
        assertEquals("wrapped:sent", values.get("X-Name"));
        assertEquals("[wrapped:sent]", values.get("X-Names"));
    }

    @Test
    void requestWrapperAddsAHeader()
    {
        Map<String, String> values = report(Http.get(base, "headers/x"));
        assertEquals("added", values.get("X-Added"));
        assertEquals("true", values.get("names"));
        assertEquals("null", values.get("X-Name"));
    }

    @Test
    void requestWrapperAddsAParameter()
    {
        Map<String, String> values = report(Http.get(base, "params/x?real=1"));
        assertEquals("from filter", values.get("extra"));
        assertEquals("[extra, real]", values.get("map"));
    }

    @Test
    void requestWrapperReplacesTheBody()
    {
        Map<String, String> values = report(Http.post(base, "body/x", "text/plain", "original body"));
        assertEquals("replaced body", values.get("body"));
    }

    @Test
    void responseWrapperTransformsTheBodyAndItsLength()
    {
        HttpResponse<String> response = Http.get(base, "upper/x?extra=abc", "X-Name", "quiet");
        assertEquals(200, response.statusCode());
        assertEquals(response.body().toUpperCase(Locale.ROOT), response.body());
        assertTrue(response.body().startsWith("X-NAME=QUIET\n") && response.body().contains("\nEXTRA=ABC\n"), response.body());
        assertEquals(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length),
            response.headers().firstValue("Content-Length").orElse(null));
    }

    @Test
    void responseWrapperTransformsALargeBody()
    {
        String value = "abcdefghij".repeat(50_000);
        HttpResponse<String> response = Http.post(base, "upper/x", "text/plain;charset=UTF-8", value);
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\nBODY=" + value.toUpperCase(Locale.ROOT) + "\n"), "the whole body, upper-cased");
        assertEquals(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length),
            response.headers().firstValue("Content-Length").orElse(null));
    }

    @Test
    void responseWrapperRenamesAHeader()
    {
        HttpResponse<String> response = Http.get(base, "rename/x");
        assertEquals("secret", response.headers().firstValue("X-Public").orElse(null));
        assertFalse(response.headers().firstValue("X-Internal").isPresent());
    }

    @Test
    void wrappedRequestIsWhatTheForwardTargetSees()
    {
        Map<String, String> values = report(Http.get(base, "forward/x", "X-Name", "sent"));
        assertEquals("/target", values.get("path"));
        assertEquals("wrapped:sent", values.get("X-Name"));
    }
}
