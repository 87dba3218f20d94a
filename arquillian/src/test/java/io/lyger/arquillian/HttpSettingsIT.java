package io.lyger.arquillian;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HttpConfiguration, mime type and descriptor settings of arquillian.xml, on both connectors: each test asserts
 * Jetty's default behaviour on a container with none set and the configured one on a container with all of them set
 * (two containers per connector, started once).
 */
class HttpSettingsIT
{
    static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static final Map<String, LygerContainer> CONTAINERS = new HashMap<>();
    static final Map<String, HTTPContext> CONTEXTS = new HashMap<>();

    @WebServlet("/redirect")
    public static class Redirect extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.sendRedirect("target");
        }
    }

    @WebServlet("/cookie")
    public static class CookieEcho extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            StringBuilder body = new StringBuilder();
            for (Cookie cookie : request.getCookies() == null ? new Cookie[0] : request.getCookies())
                body.append(cookie.getName()).append('=').append(cookie.getValue());
            response.getWriter().print(body);
        }
    }

    /** Sets a Content-Type without a charset: Jetty adds the inferred one. */
    @WebServlet({"/html", "/plain"})
    public static class Typed extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.setContentType(request.getServletPath().equals("/html") ? "text/html" : "text/plain");
            response.getWriter().print("hi");
        }
    }

    @WebServlet("/echo/*")
    public static class Echo extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.getWriter().print("uri " + request.getRequestURI());
        }
    }

    /** A welcome servlet: reached for a directory only when the defaults descriptor says welcomeServlets=true. */
    @WebServlet("*.do")
    public static class Welcome extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.getWriter().print("welcome servlet " + request.getServletPath());
        }
    }

    /** Says whether the context can reach itself by path: only with cross-context dispatch. */
    @WebServlet("/context")
    public static class CrossContext extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.getWriter().print("reachable=" + (getServletContext().getContext("/settings") != null));
        }
    }

    /** @return the deployment's plain HTTP context on a container of {@code connector}, configured or not. */
    static synchronized HTTPContext deployment(String connector, boolean configured) throws Exception
    {
        String key = connector + (configured ? " configured" : " default");
        HTTPContext known = CONTEXTS.get(key);
        if (known != null)
            return known;
        LygerContainerConfiguration configuration = new LygerContainerConfiguration();
        configuration.setConnector(connector);
        configuration.setRequireNative(connector.equals("native"));
        if (configured)
        {
            configuration.setRelativeRedirectAllowed(false);
            configuration.setRequestCookieCompliance("RFC6265_QUOTED");
            configuration.setUriCompliance("UNAMBIGUOUS");
            configuration.setHttpCompliance("LEGACY");
            configuration.setInferredEncodings("text/html -utf-8\n text/plain utf-8");
            configuration.setDefaultsDescriptor("src/test/resources/webdefault-listings-off.xml");
            configuration.setRequestHeaderSize(32 * 1024);
            configuration.setCrossContextDispatchSupported(true);
            configuration.setMimeTypes("lyg text/x-lyger");
        }
        configuration.validate();
        LygerContainer container = new LygerContainer();
        container.setup(configuration);
        container.start();
        CONTAINERS.put(key, container);
        WebArchive war = ShrinkWrap.create(WebArchive.class, "settings.war")
            .addClasses(Redirect.class, CookieEcho.class, Typed.class, Echo.class, Welcome.class, CrossContext.class)
            .addAsWebResource(new StringAsset("a"), "docs/a.txt")
            .addAsWebResource(new StringAsset("l"), "docs/b.lyg");
        HTTPContext http = container.deploy(war).getContext(HTTPContext.class);
        CONTEXTS.put(key, http);
        return http;
    }

    @AfterAll
    static void stop() throws Exception
    {
        for (LygerContainer container : CONTAINERS.values())
            container.stop();
        CONTAINERS.clear();
        CONTEXTS.clear();
    }

    static HttpResponse<String> get(HTTPContext http, String path, String... headers)
    {
        URI uri = URI.create("http://" + http.getHost() + ":" + http.getPort() + "/settings/" + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
        if (headers.length > 0)
            request.headers(headers);
        return TestHttp.send(CLIENT, request.build());
    }

    static String raw(HTTPContext http, String target, String host)
    {
        return TestHttp.raw(http.getHost(), http.getPort(), "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "jetty"})
    void relativeRedirectAllowedFalseSendsAnAbsoluteLocation(String connector) throws Exception
    {
        String relative = get(deployment(connector, false), "redirect").headers().firstValue("Location").orElse("");
        assertEquals("/settings/target", relative, "Jetty 12's default: a relative Location");
        HTTPContext http = deployment(connector, true);
        HttpResponse<String> response = get(http, "redirect");
        assertEquals(302, response.statusCode());
        assertEquals("http://" + http.getHost() + ":" + http.getPort() + "/settings/target", response.headers().firstValue("Location").orElse(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "jetty"})
    void cookieComplianceKeepsQuotedValues(String connector) throws Exception
    {
        assertEquals("c=abc", get(deployment(connector, false), "cookie", "Cookie", "c=\"abc\"").body(), "RFC6265 strips the quotes");
        assertEquals("c=\"abc\"", get(deployment(connector, true), "cookie", "Cookie", "c=\"abc\"").body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "jetty"})
    void inferredEncodingsDecideTheCharsetOfTheContentType(String connector) throws Exception
    {
        HTTPContext stock = deployment(connector, false);
        assertEquals("text/html;charset=utf-8", get(stock, "html").headers().firstValue("Content-Type").orElse(""));
        assertEquals("text/plain;charset=iso-8859-1", get(stock, "plain").headers().firstValue("Content-Type").orElse(""));
        HTTPContext configured = deployment(connector, true);
        assertEquals("text/html", get(configured, "html").headers().firstValue("Content-Type").orElse(""), "-utf-8: assumed, not added");
        assertEquals("text/plain;charset=utf-8", get(configured, "plain").headers().firstValue("Content-Type").orElse(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "jetty"})
    void defaultsDescriptorReplacesJettysWebdefault(String connector) throws Exception
    {
        HttpResponse<String> listing = get(deployment(connector, false), "docs/");
        assertEquals(200, listing.statusCode());
        assertTrue(listing.body().contains("a.txt"), "Jetty's webdefault lists directories: " + listing.body());
        HttpResponse<String> welcome = get(deployment(connector, true), "docs/");
        assertEquals(200, welcome.statusCode());
        assertEquals("welcome servlet /docs/index.do", welcome.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "jetty"})
    void requestHeaderSizeAcceptsALargerHead(String connector) throws Exception
    {
        String big = "x".repeat(12 * 1024);
        assertEquals(431, get(deployment(connector, false), "echo/big", "X-Big", big).statusCode(), "over Jetty's default 8 KiB");
        HttpResponse<String> response = get(deployment(connector, true), "echo/big", "X-Big", big);
        assertEquals(200, response.statusCode());
        assertEquals("uri /settings/echo/big", response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "jetty"})
    void uriComplianceAllowsWhatTheModeAllows(String connector) throws Exception
    {
        HTTPContext stock = deployment(connector, false);
        String refused = raw(stock, "/settings/echo/a%5Cb", stock.getHost());
        assertTrue(refused.startsWith("HTTP/1.1 400"), "RFC3986 refuses a suspicious %5C: " + refused);
        HTTPContext configured = deployment(connector, true);
        String served = raw(configured, "/settings/echo/a%5Cb", configured.getHost());
        assertTrue(served.startsWith("HTTP/1.1 200"), served);
        assertTrue(served.endsWith("uri /settings/echo/a%5Cb"), served);
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "jetty"})
    void httpComplianceAllowsAMismatchedAuthorityInLegacyMode(String connector) throws Exception
    {
        HTTPContext stock = deployment(connector, false);
        String refused = raw(stock, "http://other.example/settings/echo/x", stock.getHost() + ":" + stock.getPort());
        assertTrue(refused.startsWith("HTTP/1.1 400"), "RFC9110 refuses a Host that differs from the target's authority: " + refused);
        HTTPContext configured = deployment(connector, true);
        String served = raw(configured, "http://other.example/settings/echo/x", configured.getHost() + ":" + configured.getPort());
        assertTrue(served.startsWith("HTTP/1.1 200"), served);
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "jetty"})
    void crossContextDispatchSupportedLetsADeploymentReachAContextByPath(String connector) throws Exception
    {
        assertEquals("reachable=false", get(deployment(connector, false), "context").body(), "Jetty 12.1's default");
        assertEquals("reachable=true", get(deployment(connector, true), "context").body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "jetty"})
    void mimeTypesMapAnExtensionJettyDoesNotKnow(String connector) throws Exception
    {
        HttpResponse<String> stock = get(deployment(connector, false), "docs/b.lyg");
        assertEquals(200, stock.statusCode());
        assertTrue(stock.headers().firstValue("Content-Type").isEmpty(), stock.headers().toString());
        HttpResponse<String> mapped = get(deployment(connector, true), "docs/b.lyg");
        assertEquals("text/x-lyger", mapped.headers().firstValue("Content-Type").orElse(""));
    }
}
