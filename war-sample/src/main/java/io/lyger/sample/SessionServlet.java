package io.lyger.sample;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * {@code /session}: a counter in the HTTP session, to see sessions shared by several instances (a session store).
 * {@code POST} creates the session if there is none and adds one to its count; {@code GET} reads it without creating
 * one (404 when the request has no session); {@code DELETE} invalidates it (404 when there is none). Each answers
 * {@code id=<session id> count=<n>}.
 */
public class SessionServlet extends SampleServlet
{
    static final String COUNT = "io.lyger.sample.count";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        HttpSession session = existing(request, response);
        if (session != null)
            text(response, describe(session));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        HttpSession session = request.getSession(true);
        Integer count = (Integer)session.getAttribute(COUNT);
        session.setAttribute(COUNT, count == null ? 1 : count + 1);
        text(response, describe(session));
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        HttpSession session = existing(request, response);
        if (session == null)
            return;
        String description = describe(session);
        session.invalidate();
        text(response, description);
    }

    /** @return the request's session; or null, once a 404 says it has none */
    private static HttpSession existing(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        HttpSession session = request.getSession(false);
        if (session == null)
        {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            text(response, "no session\n");
        }
        return session;
    }

    private static String describe(HttpSession session)
    {
        Object count = session.getAttribute(COUNT);
        return "id=" + session.getId() + " count=" + (count == null ? 0 : count) + "\n";
    }
}
