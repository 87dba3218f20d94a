package io.lyger.warm.testapp;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Test web application: answers after 120 s (or when its thread is interrupted), as a call to a service that hangs. */
public class HangingServlet extends HttpServlet
{
    public static final long HANG_MILLIS = 120_000;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        CountingServlet.count(request.getServletPath());
        try
        {
            Thread.sleep(HANG_MILLIS);
        }
        catch (InterruptedException x)
        {
            Thread.currentThread().interrupt();
        }
        response.getWriter().print("late");
    }
}
