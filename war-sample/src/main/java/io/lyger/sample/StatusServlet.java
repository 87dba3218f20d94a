package io.lyger.sample;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /status?code=N}: answers with status N (200..599); {@code sendError} for N &gt;= 400 so the container's
 * error handling runs, a short text body otherwise (none for 204 and 304, which must not have one).
 */
public class StatusServlet extends SampleServlet
{
    @Override
    protected void handle(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        int code = (int)Params.requiredLong(request, "code", 200, 599);
        if (code >= 400)
        {
            response.sendError(code);
            return;
        }
        response.setStatus(code);
        if (code != HttpServletResponse.SC_NO_CONTENT && code != HttpServletResponse.SC_NOT_MODIFIED)
            text(response, "status " + code + "\n");
    }
}
