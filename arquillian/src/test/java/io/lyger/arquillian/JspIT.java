package io.lyger.arquillian;

import java.net.URL;
import java.net.http.HttpResponse;

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

/** JSP pages are compiled and served (Jetty's ee11 JSP support, Apache Jasper). */
@ExtendWith(ArquillianExtension.class)
class JspIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "jsp.war")
            .addAsWebResource(new StringAsset("<%@ page contentType=\"text/plain;charset=UTF-8\" %>"
                + "Hello <%= request.getParameter(\"name\") %>, ${1 + 2}, ${param.name}"), "hello.jsp")
            .addAsWebResource(new StringAsset("<%@ page contentType=\"text/plain;charset=UTF-8\" %><%@ taglib prefix=\"c\" uri=\"jakarta.tags.core\" %>"
                + "<%@ taglib prefix=\"fmt\" uri=\"jakarta.tags.fmt\" %><c:forEach var=\"i\" begin=\"1\" end=\"3\">${i}</c:forEach> "
                + "<fmt:setLocale value=\"en_US\"/><fmt:formatNumber value=\"1234.5\" minFractionDigits=\"2\"/>"), "jstl.jsp")
            .addAsWebResource(new StringAsset("<%@ page contentType=\"text/plain\" %><% int x = ; %>"), "broken.jsp");
    }

    @ArquillianResource
    URL base;

    @Test
    void scriptletsAndExpressionLanguageAreEvaluated()
    {
        HttpResponse<String> response = TestHttp.get(base, "hello.jsp?name=jsp");
        assertEquals(200, response.statusCode());
        assertEquals("Hello jsp, 3, jsp", response.body().strip());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    }

    @Test
    void jstlTagsNeedNoJarInTheWar()
    {
        HttpResponse<String> response = TestHttp.get(base, "jstl.jsp");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("123 1,234.50", response.body().strip());
    }

    @Test
    void pageThatDoesNotCompileIs500()
    {
        assertEquals(500, TestHttp.get(base, "broken.jsp").statusCode());
    }
}
