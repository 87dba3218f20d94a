package io.lyger.tck.support;

import java.io.IOException;
import java.util.concurrent.Callable;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A servlet that answers every method with a {@code text/plain;charset=UTF-8} body computed by {@link #answer}
 * (nothing is written when it returns null: the servlet wrote, or sent an error, itself). Add it to the archive
 * with its subclasses ({@code addClasses(TextServlet.class, ...)}).
 */
public abstract class TextServlet extends HttpServlet
{
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException
    {
        String text = answer(request, response);
        if (text == null)
            return;
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print(text);
    }

    /** @return the body to send, or null when the servlet answered itself */
    protected abstract String answer(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException;

    /**
     * @return what {@code call} returns ({@code String.valueOf}), or {@code "!"} and the simple name of the exception
     * it throws: {@code "!IllegalStateException"}
     */
    public static String result(Callable<?> call)
    {
        try
        {
            return String.valueOf(call.call());
        }
        catch (Exception x)
        {
            return "!" + x.getClass().getSimpleName();
        }
    }
}
