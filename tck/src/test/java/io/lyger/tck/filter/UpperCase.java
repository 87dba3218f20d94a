package io.lyger.tck.filter;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Buffers what the rest of the chain writes ({@link BufferedResponse}) and sends it upper-cased with its own Content-Length. */
public class UpperCase extends HttpFilter
{
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException
    {
        BufferedResponse buffered = new BufferedResponse(response);
        chain.doFilter(request, buffered);
        buffered.send(buffered.text().toUpperCase(Locale.ROOT));
    }
}
