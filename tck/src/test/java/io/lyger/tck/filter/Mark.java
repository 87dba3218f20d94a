package io.lyger.tck.filter;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.GenericFilter;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/** Writes {@code name(} to the response before the rest of the chain and {@code )name} after: the body shows the nesting. */
public class Mark extends GenericFilter
{
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException
    {
        response.getWriter().print(getFilterName() + "(");
        chain.doFilter(request, response);
        response.getWriter().print(")" + getFilterName());
    }
}
