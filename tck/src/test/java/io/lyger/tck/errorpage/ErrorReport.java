package io.lyger.tck.errorpage;

import java.io.IOException;

import io.lyger.tck.support.KeyValues;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /error/*}: an error page that reports what it was given: {@code page} (its path info), {@code type},
 * {@code method}, {@code status} (of the response), {@code servlet} (its servlet path), the
 * {@code jakarta.servlet.error.*} attributes (the exception by class name and message), and the {@code seen}
 * attribute of filters. Deploy with {@code KeyValues}.
 */
@WebServlet("/error/*")
public class ErrorReport extends HttpServlet
{
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        Throwable exception = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object type = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION_TYPE);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print(new KeyValues()
            .put("page", request.getPathInfo())
            .put("type", request.getDispatcherType())
            .put("method", request.getMethod())
            .put("status", response.getStatus())
            .put("servlet", request.getServletPath())
            .put("status_code", request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE))
            .put("message", request.getAttribute(RequestDispatcher.ERROR_MESSAGE))
            .put("request_uri", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))
            .put("query_string", request.getAttribute(RequestDispatcher.ERROR_QUERY_STRING))
            .put("servlet_name", request.getAttribute(RequestDispatcher.ERROR_SERVLET_NAME))
            .put("exception_type", type instanceof Class<?> c ? c.getName() : type)
            .put("exception", exception == null ? null : exception.getClass().getName() + ": " + exception.getMessage())
            .put("seen", request.getAttribute("seen")));
    }
}
