package io.lyger.launcher.container;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * First filter of every web application when the server has a session store ({@code --sessions}): while the store
 * is down ({@link SessionStoreHealth}), a request that needs a session gets {@code 503 Service Unavailable} with
 * {@code Retry-After: 1} instead of running without it: one that names a session which could not be loaded, and one
 * whose application asks for a new session. Requests that use no session are served as usual.
 * <p>
 * Jetty's session manager, when its store fails, logs and carries on as if the request had no session; the
 * application would then see a user who is logged out, or start a new session that cannot be saved. A filter (rather
 * than a handler in front of the context) runs after Jetty has tried to load the request's session, on the same
 * request, so it also catches the request that finds the store gone.
 */
final class SessionStoreFilter implements Filter
{
    private final SessionStoreHealth health;

    SessionStoreFilter(SessionStoreHealth health)
    {
        this.health = health;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException
    {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse))
        {
            chain.doFilter(request, response);
            return;
        }
        if (health.isDown() && http.getRequestedSessionId() != null && !http.isRequestedSessionIdValid())
        {
            unavailable(httpResponse);
            return;
        }
        if (!health.isDown())
        {
            chain.doFilter(request, response);
            return;
        }
        try
        {
            chain.doFilter(new NoNewSession(http, health), response);
        }
        catch (ServletException | RuntimeException x)
        {
            if (!refused(x) || httpResponse.isCommitted())
                throw x;
            httpResponse.reset();
            unavailable(httpResponse);
        }
    }

    private static boolean refused(Throwable failure)
    {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause())
        {
            if (t instanceof NewSessionRefused)
                return true;
        }
        return false;
    }

    private void unavailable(HttpServletResponse response) throws IOException
    {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "1");
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().print("503 session store unavailable, try again shortly\n");
    }

    /** While the store is down, a new session could not be saved: asking for one fails the request with a 503. */
    private static final class NoNewSession extends HttpServletRequestWrapper
    {
        private final SessionStoreHealth health;

        NoNewSession(HttpServletRequest request, SessionStoreHealth health)
        {
            super(request);
            this.health = health;
        }

        @Override
        public HttpSession getSession()
        {
            return getSession(true);
        }

        @Override
        public HttpSession getSession(boolean create)
        {
            HttpSession session = super.getSession(false);
            if (session != null || !create)
                return session;
            if (health.isDown())
                throw new NewSessionRefused(health.store());
            return super.getSession(true);
        }
    }

    private static final class NewSessionRefused extends RuntimeException
    {
        NewSessionRefused(String store)
        {
            super("session store " + store + " is unavailable: no new session", null, false, false);
        }
    }
}
