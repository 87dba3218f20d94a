package io.lyger.tck.request;

import java.net.URL;
import java.util.Map;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.RawHttp;
import io.lyger.tck.support.TextServlet;
import io.lyger.tck.support.WebXml;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The parts of the request URI (Servlet 6.1 §3.6): context path, servlet path and path info for exact, prefix,
 * extension, default and context-root mappings; getRequestURI/URL, getQueryString, getHttpServletMapping.
 */
@ExtendWith(ArquillianExtension.class)
class PathsIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "request-paths.war")
            .addClasses(TextServlet.class, KeyValues.class, RequestDump.class)
            .setWebXML(WebXml.webApp()
                .servlet("exact", RequestDump.class, "/exact")
                .servlet("prefix", RequestDump.class, "/prefix/*")
                .servlet("extension", RequestDump.class, "*.do")
                .servlet("default", RequestDump.class, "/")
                .servlet("root", RequestDump.class, "")
                .asset());
    }

    @ArquillianResource
    URL base;

    private Map<String, String> dump(String path)
    {
        var response = Http.get(base, path);
        assertEquals(200, response.statusCode(), path);
        return KeyValues.parse(response.body());
    }

    private Map<String, String> rawDump(String target)
    {
        RawHttp.Response response = RawHttp.exchange(base, "GET " + target + " HTTP/1.1\r\nHost: " + RawHttp.host(base) + "\r\n\r\n");
        assertEquals(200, response.status(), target);
        return KeyValues.parse(response.text());
    }

    @Test
    void exactMatchHasNoPathInfo()
    {
        Map<String, String> dump = dump("exact");
        assertEquals("/request-paths", dump.get("contextPath"));
        assertEquals("/exact", dump.get("servletPath"));
        assertEquals("null", dump.get("pathInfo"));
        assertEquals("/request-paths/exact", dump.get("requestURI"));
        assertEquals("EXACT", dump.get("mapping.mappingMatch"));
        assertEquals("/exact", dump.get("mapping.pattern"));
        assertEquals("exact", dump.get("mapping.matchValue"));
    }

    @Test
    void prefixMatchSplitsServletPathAndPathInfo()
    {
        Map<String, String> dump = dump("prefix/a/b.txt");
        assertEquals("/prefix", dump.get("servletPath"));
        assertEquals("/a/b.txt", dump.get("pathInfo"));
        assertEquals("/request-paths/prefix/a/b.txt", dump.get("requestURI"));
        assertEquals("PATH", dump.get("mapping.mappingMatch"));
        assertEquals("/prefix/*", dump.get("mapping.pattern"));
        assertEquals("a/b.txt", dump.get("mapping.matchValue"));
    }

    @Test
    void prefixPatternMatchesItsOwnPathWithNullPathInfo()
    {
        Map<String, String> dump = dump("prefix");
        assertEquals("/prefix", dump.get("servletPath"));
        assertEquals("null", dump.get("pathInfo"));
    }

    @Test
    void prefixWithTrailingSlashHasPathInfoSlash()
    {
        Map<String, String> dump = dump("prefix/");
        assertEquals("/prefix", dump.get("servletPath"));
        assertEquals("/", dump.get("pathInfo"));
    }

    @Test
    void extensionMatchIsAllServletPath()
    {
        Map<String, String> dump = dump("deep/er/page.do");
        assertEquals("/deep/er/page.do", dump.get("servletPath"));
        assertEquals("null", dump.get("pathInfo"));
        assertEquals("EXTENSION", dump.get("mapping.mappingMatch"));
        assertEquals("*.do", dump.get("mapping.pattern"));
        assertEquals("deep/er/page", dump.get("mapping.matchValue"));
    }

    /** A prefix mapping wins over an extension mapping (§12.1: longest path prefix first). */
    @Test
    void prefixWinsOverExtension()
    {
        Map<String, String> dump = dump("prefix/page.do");
        assertEquals("/prefix", dump.get("servletPath"));
        assertEquals("/page.do", dump.get("pathInfo"));
    }

    @Test
    void defaultServletGetsTheWholePathAsServletPath()
    {
        Map<String, String> dump = dump("no/such/mapping");
        assertEquals("/no/such/mapping", dump.get("servletPath"));
        assertEquals("null", dump.get("pathInfo"));
        assertEquals("DEFAULT", dump.get("mapping.mappingMatch"));
        assertEquals("/", dump.get("mapping.pattern"));
    }

    /** The empty pattern maps the context root: servlet path "" and path info "/" (§12.2). */
    @Test
    void contextRootMapping()
    {
        Map<String, String> dump = dump("");
        assertEquals("", dump.get("servletPath"));
        assertEquals("/", dump.get("pathInfo"));
        assertEquals("/request-paths/", dump.get("requestURI"));
        assertEquals("CONTEXT_ROOT", dump.get("mapping.mappingMatch"));
    }

    /** getRequestURI is not decoded; servlet path and path info are. */
    @Test
    void requestUriStaysEncodedPathInfoIsDecoded()
    {
        Map<String, String> dump = rawDump(RawHttp.path(base, "prefix/a%20b/caf%C3%A9"));
        assertEquals("/request-paths/prefix/a%20b/caf%C3%A9", dump.get("requestURI"));
        assertEquals("/a b/caf\u00e9", dump.get("pathInfo"));
    }

    @Test
    void requestUrlIsSchemeHostPortAndPathWithoutQuery()
    {
        Map<String, String> dump = dump("exact?x=1");
        assertEquals("http://" + base.getHost() + ":" + base.getPort() + "/request-paths/exact", dump.get("requestURL"));
    }

    /** The query string as sent, not decoded. */
    @Test
    void queryStringIsRaw()
    {
        Map<String, String> dump = rawDump(RawHttp.path(base, "exact?a=1&b=x%20y&c=%C3%A9"));
        assertEquals("a=1&b=x%20y&c=%C3%A9", dump.get("queryString"));
        assertEquals("/request-paths/exact", dump.get("requestURI"));
    }

    @Test
    void queryStringIsNullWithoutQuery()
    {
        assertEquals("null", dump("exact").get("queryString"));
    }

    /** Dot segments are removed before mapping (RFC 3986 §5.2.4). */
    @Test
    void dotSegmentsAreResolvedBeforeMapping()
    {
        Map<String, String> dump = rawDump(RawHttp.path(base, "prefix/a/../b/./c"));
        assertEquals("/prefix", dump.get("servletPath"));
        assertEquals("/b/c", dump.get("pathInfo"));
    }

    /** A request target in absolute form (RFC 9112 §3.2.2): the path is what maps; the URI reported is the path. */
    @Test
    void absoluteFormRequestTarget()
    {
        Map<String, String> dump = rawDump("http://" + RawHttp.host(base) + RawHttp.path(base, "prefix/abs?q=1"));
        assertEquals("/prefix", dump.get("servletPath"));
        assertEquals("/abs", dump.get("pathInfo"));
        assertEquals("/request-paths/prefix/abs", dump.get("requestURI"));
        assertEquals("q=1", dump.get("queryString"));
    }

    /** An encoded slash is ambiguous (Jetty's default UriCompliance rejects it with 400 rather than guess). */
    @Test
    void encodedSlashIsRejected()
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, "prefix/a%2Fb"));
        assertEquals(400, response.status());
    }

    /** A path escaping the context with ".." does not reach the application. */
    @Test
    void dotDotAboveTheRootIsRejected()
    {
        RawHttp.Response response = RawHttp.exchange(base, "GET /../../etc/passwd HTTP/1.1\r\nHost: " + RawHttp.host(base) + "\r\n\r\n");
        assertEquals(400, response.status());
    }
}
