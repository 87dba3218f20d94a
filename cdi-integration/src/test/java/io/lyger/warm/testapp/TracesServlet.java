package io.lyger.warm.testapp;

import java.io.IOException;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Test web application: what a web application sees of the server's internals. One line per system property whose
 * name holds {@code jna} or {@code jnidispatch} ({@code property NAME}), then per class name given as {@code class}
 * parameters, {@code class NAME visible} or {@code class NAME hidden} (by {@code Class.forName} from the web
 * application's class loader).
 */
public class TracesServlet extends HttpServlet
{
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        StringBuilder text = new StringBuilder();
        for (String name : new TreeSet<>(System.getProperties().stringPropertyNames()))
        {
            if (name.contains("jna") || name.contains("jnidispatch"))
                text.append("property ").append(name).append('\n');
        }
        String[] classes = request.getParameterValues("class");
        for (String name : classes == null ? new String[0] : classes)
        {
            String seen;
            try
            {
                Class.forName(name, false, Thread.currentThread().getContextClassLoader());
                seen = "visible";
            }
            catch (ClassNotFoundException | LinkageError x)
            {
                seen = "hidden";
            }
            text.append("class ").append(name).append(' ').append(seen).append('\n');
        }
        response.setContentType("text/plain");
        response.getWriter().print(text);
    }
}
