package io.lyger.tck.session;

import java.util.Map;
import java.util.TreeMap;

import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.TextServlet;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * {@code /session}: does what its parameters say to the request's session, then reports it as {@link KeyValues}.
 * {@code create=true|false} (absent: {@code getSession()}), {@code set=name:value} (repeatable), {@code remove=name},
 * {@code interval=seconds}, {@code change} ({@code changeSessionId}), {@code invalidate}. Reports {@code session} (its
 * id or null), {@code new}, {@code created}, {@code accessed}, {@code interval}, {@code attributes} (sorted),
 * {@code requested}, {@code valid}, {@code fromCookie}, {@code fromURL}, {@code encoded} ({@code encodeURL("page")}),
 * {@code context}; with {@code change}, {@code old} and {@code changed}; with {@code invalidate}, {@code invalidated}.
 * Deploy with {@code KeyValues} and {@code TextServlet}.
 */
@WebServlet("/session")
public class SessionProbe extends TextServlet
{
    @Override
    protected String answer(HttpServletRequest request, HttpServletResponse response)
    {
        KeyValues out = new KeyValues();
        String create = request.getParameter("create");
        HttpSession session = create == null ? request.getSession() : request.getSession(Boolean.parseBoolean(create));
        if (session != null)
        {
            String[] set = request.getParameterValues("set");
            for (String pair : set == null ? new String[0] : set)
            {
                int colon = pair.indexOf(':');
                session.setAttribute(pair.substring(0, colon), pair.substring(colon + 1));
            }
            String remove = request.getParameter("remove");
            if (remove != null)
                session.removeAttribute(remove);
            String interval = request.getParameter("interval");
            if (interval != null)
                session.setMaxInactiveInterval(Integer.parseInt(interval));
            if (request.getParameter("change") != null)
                out.put("old", session.getId()).put("changed", request.changeSessionId());
            if (request.getParameter("invalidate") != null)
            {
                out.put("invalidated", session.getId());
                session.invalidate();
                session = request.getSession(false);
            }
        }
        out.put("session", session == null ? null : session.getId());
        if (session != null)
        {
            Map<String, Object> attributes = new TreeMap<>();
            for (String name : java.util.Collections.list(session.getAttributeNames()))
                attributes.put(name, session.getAttribute(name));
            out.put("new", session.isNew())
                .put("created", session.getCreationTime())
                .put("accessed", session.getLastAccessedTime())
                .put("interval", session.getMaxInactiveInterval())
                .put("attributes", attributes)
                .put("context", session.getServletContext().getContextPath());
        }
        return out.put("requested", request.getRequestedSessionId())
            .put("valid", request.isRequestedSessionIdValid())
            .put("fromCookie", request.isRequestedSessionIdFromCookie())
            .put("fromURL", request.isRequestedSessionIdFromURL())
            .put("encoded", response.encodeURL("page"))
            .toString();
    }
}
