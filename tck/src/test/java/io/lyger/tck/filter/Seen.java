package io.lyger.tck.filter;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.GenericFilter;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * Appends {@code name:DISPATCHER_TYPE} to the request attribute {@value #SEEN} (comma separated): which filters ran,
 * for which dispatches of the one request.
 */
public class Seen extends GenericFilter
{
    public static final String SEEN = "seen";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException
    {
        Object seen = request.getAttribute(SEEN);
        String entry = getFilterName() + ":" + request.getDispatcherType();
        request.setAttribute(SEEN, seen == null ? entry : seen + "," + entry);
        chain.doFilter(request, response);
    }
}
