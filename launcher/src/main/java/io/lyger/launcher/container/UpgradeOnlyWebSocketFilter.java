package io.lyger.launcher.container;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.FilterMapping;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.ee11.websocket.servlet.WebSocketUpgradeFilter;

/**
 * Jetty's {@link WebSocketUpgradeFilter}, which Jetty's WebSocket initializer maps to {@code /*} in every web
 * application (Lyger ships Jakarta WebSocket, so every WAR has it, endpoints or not), hands a request on at once when
 * it cannot be a WebSocket upgrade: no {@code Upgrade} header (RFC 6455) and not a {@code CONNECT} (RFC 8441).
 * Jetty's filter wraps every request and response into core ones before it asks whether it is an upgrade: about
 * 700-850 bytes a request and 5% of the server's CPU samples at /plaintext (issue 17, bench/README.md). Upgrade requests go through Jetty's
 * filter unchanged.
 * <p>
 * Installed before the web application starts, under the name Jetty's initializer looks for
 * ({@link WebSocketUpgradeFilter#ensureFilter}), which then finds it instead of adding its own.
 */
public final class UpgradeOnlyWebSocketFilter extends WebSocketUpgradeFilter
{
    /** Puts the filter first in {@code webApp}'s chain, as Jetty's initializer would put its own. */
    public static void install(WebAppContext webApp)
    {
        FilterHolder holder = new FilterHolder(new UpgradeOnlyWebSocketFilter());
        holder.setName(WebSocketUpgradeFilter.class.getName());
        holder.setAsyncSupported(true);
        FilterMapping mapping = new FilterMapping();
        mapping.setFilterName(holder.getName());
        mapping.setPathSpec("/*");
        mapping.setDispatcherTypes(java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
        webApp.getServletHandler().prependFilter(holder);
        webApp.getServletHandler().prependFilterMapping(mapping);
    }

    /** True when the web application has no WebSocket support set up (its initializer did not run): nothing to upgrade. */
    private volatile boolean passThrough;

    @Override
    public void init(FilterConfig config) throws ServletException
    {
        try
        {
            super.init(config);
        }
        catch (IllegalStateException noWebSocketComponents)
        {
            // Jetty's initializer made none (a WAR that excludes it): Jetty would not have installed its filter either
            passThrough = true;
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException
    {
        if (passThrough || request instanceof HttpServletRequest http && http.getHeader("Upgrade") == null && !"CONNECT".equals(http.getMethod()))
        {
            chain.doFilter(request, response);
            return;
        }
        super.doFilter(request, response, chain);
    }
}
