package io.lyger.tck.staticcontent;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.RawHttp;
import io.lyger.tck.support.WebXml;
import jakarta.servlet.http.HttpServlet;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Welcome files (Servlet 6.1 §10.10): the welcome-file-list in order, a welcome servlet, the redirect of a directory
 * requested without its trailing slash.
 */
@ExtendWith(ArquillianExtension.class)
class WelcomeFilesIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "static-welcome.war").addClasses(Home.class)
            .addAsWebResource(new StringAsset("ROOT INDEX"), "index.html")
            .addAsWebResource(new StringAsset("DIR INDEX"), "dir/index.html")
            .addAsWebResource(new StringAsset("FIRST"), "both/first.html")
            .addAsWebResource(new StringAsset("INDEX OF BOTH"), "both/index.html")
            .addAsWebResource(new StringAsset("only a file"), "servlet-dir/readme.txt")
            .setWebXML(WebXml.webApp()
                .xml("<context-param><param-name>org.eclipse.jetty.servlet.Default.welcomeServlets</param-name>"
                    + "<param-value>true</param-value></context-param>")
                .servlet("Home", Home.class, "*.do")
                .xml("<welcome-file-list><welcome-file>home.do</welcome-file><welcome-file>first.html</welcome-file>"
                    + "<welcome-file>index.html</welcome-file></welcome-file-list>")
                .asset());
    }

    @ArquillianResource
    URL base;

    /** The welcome servlet: mapped to *.do, reached through the welcome file home.do. */
    public static class Home extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.setContentType("text/plain");
            response.getWriter().print("HOME SERVLET " + request.getServletPath() + " uri=" + request.getRequestURI());
        }
    }

    @Test
    void contextRootServesItsWelcomeFile()
    {
        HttpResponse<String> response = Http.get(base, "");
        assertEquals(200, response.statusCode());
        assertEquals("ROOT INDEX", response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    }

    @Test
    void directoryServesItsWelcomeFile()
    {
        HttpResponse<String> response = Http.get(base, "dir/");
        assertEquals(200, response.statusCode());
        assertEquals("DIR INDEX", response.body());
    }

    /** Both first.html and index.html exist: the first file of the list wins (files before the servlet's home.do). */
    @Test
    void welcomeFileListOrderDecides()
    {
        assertEquals("FIRST", Http.get(base, "both/").body());
    }

    /**
     * No welcome file in the directory: a servlet mapping matching a welcome file serves it (§10.10; Jetty with its
     * welcomeServlets parameter true). home.do comes first in the list: after a file name such as first.html, Jetty
     * 12.1.7 takes the default servlet's own mapping of /servlet-dir/first.html for a welcome servlet, and answers 404.
     */
    @Test
    void welcomeServletServesADirectoryWithoutWelcomeFiles()
    {
        HttpResponse<String> response = Http.get(base, "servlet-dir/");
        assertEquals(200, response.statusCode());
        assertEquals("HOME SERVLET /servlet-dir/home.do uri=/static-welcome/servlet-dir/home.do", response.body());
    }

    @Test
    void directoryWithoutTrailingSlashIsRedirected()
    {
        HttpResponse<String> response = Http.get(base, "dir");
        assertEquals(302, response.statusCode());
        assertTrue(response.headers().firstValue("Location").orElse("").endsWith("/static-welcome/dir/"),
            response.headers().firstValue("Location").orElse(""));
    }

    @Test
    void redirectToTheSlashKeepsTheQueryString()
    {
        HttpResponse<String> response = Http.get(base, "dir?x=1&y=2");
        assertEquals(302, response.statusCode());
        assertTrue(response.headers().firstValue("Location").orElse("").endsWith("/static-welcome/dir/?x=1&y=2"),
            response.headers().firstValue("Location").orElse(""));
    }

    /** Jetty answers the context path without its slash with a permanent redirect (301); a 302 would do as well. */
    @Test
    void contextPathWithoutTrailingSlashIsRedirected()
    {
        RawHttp.Response response = RawHttp.exchange(base, "GET /static-welcome HTTP/1.1\r\nHost: " + RawHttp.host(base)
            + "\r\nConnection: close\r\n\r\n");
        assertTrue(response.status() == 301 || response.status() == 302, response.statusLine());
        assertTrue(String.valueOf(response.header("Location")).endsWith("/static-welcome/"), response.header("Location"));
    }

    /** Welcome files of two directories, one after the other on one connection, each framed by its length. */
    @Test
    void welcomeFileIsServedOnAKeptAliveConnection()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response first = connection.send(RawHttp.get(base, "dir/")).read();
            RawHttp.Response second = connection.send(RawHttp.get(base, "both/")).read();
            assertEquals("DIR INDEX", first.text());
            assertEquals("9", first.header("Content-Length"));
            assertEquals("FIRST", second.text());
        }
    }

    @Test
    void welcomeFileRequestedByNameIsServedToo()
    {
        HttpResponse<String> response = Http.get(base, "both/index.html");
        assertEquals(200, response.statusCode());
        assertEquals("INDEX OF BOTH", response.body());
    }
}
