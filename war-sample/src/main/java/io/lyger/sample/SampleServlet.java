package io.lyger.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Base of the sample servlets: turns {@link Params.BadRequest} (a bad query parameter) into a 400 and offers a text helper.
 * New endpoints extend it and are mapped in {@code WEB-INF/web.xml}.
 */
abstract class SampleServlet extends HttpServlet
{
    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException
    {
        try
        {
            handle(request, response);
        }
        catch (Params.BadRequest x)
        {
            if (response.isCommitted())
                throw x;
            response.resetBuffer();
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, x.getMessage());
        }
    }

    /**
     * Handles a request; by default dispatches on the method to {@code doGet}, {@code doPost}... as
     * {@link HttpServlet#service(HttpServletRequest, HttpServletResponse)} does. Endpoints that answer any method
     * override this instead.
     */
    protected void handle(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException
    {
        super.service(request, response);
    }

    /** Sends {@code body} as a complete application/json response with a Content-Length. */
    static void json(HttpServletResponse response, String body) throws IOException
    {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** @return the worlds as a JSON array */
    static String jsonArray(java.util.List<io.lyger.sample.app.World> worlds)
    {
        StringBuilder json = new StringBuilder(worlds.size() * 32 + 2).append('[');
        for (int i = 0; i < worlds.size(); i++)
        {
            if (i > 0)
                json.append(',');
            json.append(worlds.get(i).toJson());
        }
        return json.append(']').toString();
    }

    /** Sends {@code body} as a complete text/plain UTF-8 response with a Content-Length. */
    static void text(HttpServletResponse response, String body) throws IOException
    {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/plain;charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
