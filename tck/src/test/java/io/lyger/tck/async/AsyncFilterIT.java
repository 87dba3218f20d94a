package io.lyger.tck.async;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.lyger.tck.support.Http;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Async through filters: every filter of the chain must be async-supported; a filter still runs after chain.doFilter returns. */
@ExtendWith(ArquillianExtension.class)
class AsyncFilterIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "async-filter.war").addClasses(Later.class, Later.Task.class,
            Starts.class, NotAsyncFilter.class, AsyncFilter.class, WrappingFilter.class, AfterChainFilter.class);
    }

    @ArquillianResource
    URL base;

    /** Tries startAsync, reports whether it could and what the AsyncContext holds, completes from another thread. */
    @WebServlet(urlPatterns = {"/blocked/start", "/allowed/start", "/wrapped/start", "/after/start"}, asyncSupported = true)
    public static class Starts extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            AsyncContext async;
            try
            {
                async = request.startAsync();
            }
            catch (IllegalStateException x)
            {
                response.getWriter().print("IllegalStateException supported=" + request.isAsyncSupported());
                return;
            }
            boolean wrapped = request instanceof HttpServletRequestWrapper;
            Later.run(20, () ->
            {
                CountDownLatch filterDone = (CountDownLatch) request.getAttribute("filter-done");
                if (filterDone != null && !filterDone.await(2, TimeUnit.SECONDS))
                    throw new IllegalStateException("the filter did not get control back");
                async.getResponse().getWriter().print("started supported=" + request.isAsyncSupported()
                    + " servletSawWrapper=" + wrapped + " original=" + async.hasOriginalRequestAndResponse()
                    + " asyncRequestIsWrapper=" + (async.getRequest() instanceof HttpServletRequestWrapper));
                async.complete();
            });
        }
    }

    @WebFilter(urlPatterns = "/blocked/*")
    public static class NotAsyncFilter implements Filter
    {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException
        {
            chain.doFilter(request, response);
        }
    }

    @WebFilter(urlPatterns = "/allowed/*", asyncSupported = true)
    public static class AsyncFilter implements Filter
    {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException
        {
            chain.doFilter(request, response);
        }
    }

    /** Passes a wrapper down the chain: startAsync() still holds the original request. */
    @WebFilter(urlPatterns = "/wrapped/*", asyncSupported = true)
    public static class WrappingFilter implements Filter
    {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException
        {
            chain.doFilter(new HttpServletRequestWrapper((HttpServletRequest) request), response);
        }
    }

    /** After chain.doFilter returns, with async started, it sets a header: the response is not committed yet. */
    @WebFilter(urlPatterns = "/after/*", asyncSupported = true)
    public static class AfterChainFilter implements Filter
    {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException
        {
            CountDownLatch done = new CountDownLatch(1);
            request.setAttribute("filter-done", done);
            chain.doFilter(request, response);
            ((HttpServletResponse) response).setHeader("X-After-Chain", "asyncStarted=" + request.isAsyncStarted());
            done.countDown();
        }
    }

    @Test
    void aFilterNotAsyncSupportedMakesStartAsyncIllegal()
    {
        HttpResponse<String> response = Http.get(base, "blocked/start");
        assertEquals(200, response.statusCode());
        assertEquals("IllegalStateException supported=false", response.body());
    }

    @Test
    void asyncSupportedFiltersLetTheServletStartAsync()
    {
        HttpResponse<String> response = Http.get(base, "allowed/start");
        assertEquals(200, response.statusCode());
        assertEquals("started supported=true servletSawWrapper=false original=true asyncRequestIsWrapper=false", response.body());
    }

    @Test
    void startAsyncWithoutArgumentsBehindAWrappingFilterHoldsTheOriginalRequest()
    {
        HttpResponse<String> response = Http.get(base, "wrapped/start");
        assertEquals(200, response.statusCode());
        assertEquals("started supported=true servletSawWrapper=true original=true asyncRequestIsWrapper=false", response.body());
    }

    @Test
    void filterRunsAfterTheChainReturnsWhileAsyncIsStarted()
    {
        HttpResponse<String> response = Http.get(base, "after/start");
        assertEquals(200, response.statusCode());
        assertEquals("asyncStarted=true", response.headers().firstValue("X-After-Chain").orElse(null));
        assertEquals("started supported=true servletSawWrapper=false original=true asyncRequestIsWrapper=false", response.body());
    }
}
