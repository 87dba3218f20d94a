package io.lyger.tck.dispatcher;

import java.net.URL;

import io.lyger.tck.support.Answers;
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

/**
 * ServletContext.getContext of a path no context serves, getNamedDispatcher of an unknown name. (getContext of this
 * context's own path may be null too: cross-context dispatch is off by default in Jetty, as the spec allows.)
 */
@ExtendWith(ArquillianExtension.class)
class ServletContextDispatchIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "dispatcher-context.war").addClasses(KeyValues.class, TextServlet.class, Contexts.class);
    }

    @ArquillianResource
    URL base;

    @WebServlet("/contexts")
    public static class Contexts extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            return new KeyValues()
                .put("none", getServletContext().getContext("/no-such-context-here"))
                .put("unknownName", getServletContext().getNamedDispatcher("NoSuchServlet"))
                .toString();
        }
    }

    private String value(String key)
    {
        return Answers.values(Http.get(base, "contexts"), 200).get(key);
    }

    @Test
    void getContextOfAnUnknownPathIsNull()
    {
        assertEquals("null", value("none"));
    }

    @Test
    void namedDispatcherOfAnUnknownServletIsNull()
    {
        assertEquals("null", value("unknownName"));
    }
}
