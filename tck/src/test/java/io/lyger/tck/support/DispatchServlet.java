package io.lyger.tck.support;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A servlet that forwards (or includes) to a path: the one its subclass gives, else the request parameter {@code to}.
 * A test maps a subclass: {@code @WebServlet("/forward") public static class Forward extends DispatchServlet
 * { public Forward() { super("/target", false); } }}, and deploys it with this class.
 */
public class DispatchServlet extends HttpServlet
{
    private final String to;
    private final boolean include;

    /** Forwards to the request parameter {@code to}. */
    public DispatchServlet()
    {
        this(null, false);
    }

    /** @param to the path (null: the request parameter {@code to}); @param include include instead of forward */
    protected DispatchServlet(String to, boolean include)
    {
        this.to = to;
        this.include = include;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException
    {
        RequestDispatcher dispatcher = request.getRequestDispatcher(to != null ? to : request.getParameter("to"));
        if (include)
            dispatcher.include(request, response);
        else
            dispatcher.forward(request, response);
    }
}
