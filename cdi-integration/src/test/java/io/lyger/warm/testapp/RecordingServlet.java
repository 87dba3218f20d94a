package io.lyger.warm.testapp;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Test web application: records "METHOD /path" of every request it serves, whatever the method; {@code /seen}
 * (served by {@link SeenServlet}) lists them. Deployed in an exploded WAR that WarmupPlanIT builds.
 */
public class RecordingServlet extends HttpServlet
{
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        String body = new String(request.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        SEEN.add(request.getMethod() + " " + request.getRequestURI() + (body.isEmpty() ? "" : " " + body));
        response.setContentType("text/plain");
        response.getWriter().print("ok");
    }
}
