package io.lyger.warm.testapp;

import java.io.IOException;
import java.util.LinkedHashSet;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Test web application: the distinct requests {@link RecordingServlet} saw, one a line, and whether CDI works. */
public class SeenServlet extends HttpServlet
{
    @Inject
    GoodBean good;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        response.setContentType("text/plain");
        StringBuilder text = new StringBuilder("good=" + good.greeting() + "\n");
        for (String seen : new LinkedHashSet<>(RecordingServlet.SEEN))
            text.append(seen).append('\n');
        response.getWriter().print(text);
    }
}
