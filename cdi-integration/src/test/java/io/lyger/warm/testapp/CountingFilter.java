package io.lyger.warm.testapp;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;

/** Test web application: counts the requests it filters, as {@code filter:/path} in {@link CountingServlet}'s counts. */
public class CountingFilter extends HttpFilter
{
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException
    {
        CountingServlet.count("filter:" + ((HttpServletRequest)request).getRequestURI());
        chain.doFilter(request, response);
    }
}
