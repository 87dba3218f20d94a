package io.lyger.tck.async;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lyger.tck.support.Attempt;
import io.lyger.tck.support.Http;
import io.lyger.tck.support.RawHttp;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** ServletRequest.startAsync, AsyncContext.complete and start(Runnable), writing from another thread. */
@ExtendWith(ArquillianExtension.class)
class StartAsyncIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "async-start.war").addClasses(Attempt.class, Attempt.Action.class, Later.class,
            Later.Task.class, CompleteLater.class, States.class, Supported.class, NotSupported.class, Wrapped.class, Twice.class, Threads.class, Flushes.class, Length.class,
            LateHeader.class, Timeout.class, SameRequest.class, ReadLater.class, Large.class);
    }

    @ArquillianResource
    URL base;

    @WebServlet(urlPatterns = "/complete-later", asyncSupported = true)
    public static class CompleteLater extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
        {
            AsyncContext async = request.startAsync();
            Later.run(100, () ->
            {
                async.getResponse().setContentType("text/plain");
                async.getResponse().getWriter().print("done by " + (Thread.currentThread().getName().equals(request.getAttribute("thread")) ? "same" : "other"));
                async.complete();
            });
            request.setAttribute("thread", Thread.currentThread().getName());
        }
    }

    @WebServlet(urlPatterns = "/states", asyncSupported = true)
    public static class States extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            PrintWriter out = response.getWriter();
            out.print(request.isAsyncStarted() + ",");
            AsyncContext async = request.startAsync();
            out.print(request.isAsyncStarted() + "," + (request.getAsyncContext() == async));
            async.complete();
        }
    }

    @WebServlet(urlPatterns = "/supported", asyncSupported = true)
    public static class Supported extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            response.getWriter().print("supported=" + request.isAsyncSupported());
        }
    }

    /** Not async: startAsync throws IllegalStateException, isAsyncSupported is false. */
    @WebServlet("/not-supported")
    public static class NotSupported extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            String outcome = Attempt.of(request::startAsync);
            response.getWriter().print("supported=" + request.isAsyncSupported() + " " + outcome + " started=" + request.isAsyncStarted());
        }
    }

    /** startAsync(request, response) with wrappers: the AsyncContext holds them; startAsync() does not. */
    @WebServlet(urlPatterns = "/wrapped", asyncSupported = true)
    public static class Wrapped extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
        {
            boolean wrap = request.getParameter("wrap") != null;
            AsyncContext async = wrap
                ? request.startAsync(new HttpServletRequestWrapper(request), new HttpServletResponseWrapper(response))
                : request.startAsync();
            Later.run(20, () ->
            {
                async.getResponse().getWriter().print("original=" + async.hasOriginalRequestAndResponse()
                    + " requestWrapped=" + (async.getRequest() instanceof HttpServletRequestWrapper)
                    + " responseWrapped=" + (async.getResponse() instanceof HttpServletResponseWrapper));
                async.complete();
            });
        }
    }

    /** A second startAsync in the same dispatch is an IllegalStateException. */
    @WebServlet(urlPatterns = "/twice", asyncSupported = true)
    public static class Twice extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            AsyncContext async = request.startAsync();
            response.getWriter().print("second start: " + Attempt.of(request::startAsync));
            async.complete();
        }
    }

    /**
     * AsyncContext.start runs the task on another thread than the request's dispatch: a pool thread, which may be the
     * very thread of the request once its dispatch has returned to the pool (so the check is "inside the dispatch").
     */
    @WebServlet(urlPatterns = "/threads", asyncSupported = true)
    public static class Threads extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
        {
            Thread requestThread = Thread.currentThread();
            AtomicBoolean dispatching = new AtomicBoolean(true);
            AsyncContext async = request.startAsync();
            async.start(Later.unchecked(() ->
            {
                boolean inDispatch = Thread.currentThread() == requestThread && dispatching.get();
                async.getResponse().getWriter().print("task on " + (inDispatch ? "request thread" : "another thread"));
                async.complete();
            }));
            dispatching.set(false);
        }
    }

    /** Three flushed writes from another thread, each after a pause: a chunked body, in order. */
    @WebServlet(urlPatterns = "/flushes", asyncSupported = true)
    public static class Flushes extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
        {
            AsyncContext async = request.startAsync();
            response.setContentType("text/plain;charset=UTF-8");
            Later.run(0, () ->
            {
                PrintWriter out = async.getResponse().getWriter();
                for (int i = 1; i <= 3; i++)
                {
                    out.print("part" + i + ";");
                    out.flush();
                    Thread.sleep(30);
                }
                async.complete();
            });
        }
    }

    /** A content length set and written from another thread. */
    @WebServlet(urlPatterns = "/length", asyncSupported = true)
    public static class Length extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
        {
            AsyncContext async = request.startAsync();
            Later.run(20, () ->
            {
                byte[] body = "0123456789".repeat(100).getBytes();
                async.getResponse().setContentLength(body.length);
                async.getResponse().getOutputStream().write(body);
                async.complete();
            });
        }
    }

    /** The response is not committed when the dispatch that started async returns: headers can still be set. */
    @WebServlet(urlPatterns = "/late-header", asyncSupported = true)
    public static class LateHeader extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
        {
            AsyncContext async = request.startAsync();
            Later.run(100, () ->
            {
                HttpServletResponse late = (HttpServletResponse) async.getResponse();
                late.setStatus(202);
                late.setHeader("X-Late", "committed=" + late.isCommitted());
                async.complete();
            });
        }
    }

    @WebServlet(urlPatterns = "/timeout", asyncSupported = true)
    public static class Timeout extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            AsyncContext async = request.startAsync();
            response.getWriter().print("timeout=" + async.getTimeout());
            async.complete();
        }
    }

    /** The AsyncContext's request is the request: its attributes and parameters. */
    @WebServlet(urlPatterns = "/same-request", asyncSupported = true)
    public static class SameRequest extends HttpServlet
    {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
        {
            request.setAttribute("before", "set before startAsync");
            AsyncContext async = request.startAsync();
            Later.run(20, () ->
            {
                async.getResponse().getWriter().print(async.getRequest().getAttribute("before") + "|" + async.getRequest().getParameter("p"));
                async.complete();
            });
        }
    }

    /** The request body read (blocking) on another thread after the starting dispatch returned. */
    @WebServlet(urlPatterns = "/read-later", asyncSupported = true)
    public static class ReadLater extends HttpServlet
    {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response)
        {
            AsyncContext async = request.startAsync();
            Later.run(50, () ->
            {
                byte[] body = async.getRequest().getInputStream().readAllBytes();
                async.getResponse().getWriter().print(body.length + ":" + new String(body, 0, Math.min(body.length, 12), java.nio.charset.StandardCharsets.UTF_8));
                async.complete();
            });
        }
    }

    /** 2 MB written from another thread, after a pause: more than any socket buffer holds. */
    @WebServlet(urlPatterns = "/large", asyncSupported = true)
    public static class Large extends HttpServlet
    {
        static final int SIZE = 2 * 1024 * 1024;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
        {
            AsyncContext async = request.startAsync();
            Later.run(50, () ->
            {
                byte[] chunk = new byte[8192];
                for (int i = 0; i < chunk.length; i++)
                    chunk[i] = (byte) ('a' + i % 26);
                var out = async.getResponse().getOutputStream();
                for (int written = 0; written < SIZE; written += chunk.length)
                    out.write(chunk);
                async.complete();
            });
        }
    }

    @Test
    void completeFromAnotherThreadSendsTheResponse()
    {
        HttpResponse<String> response = Http.get(base, "complete-later");
        assertEquals(200, response.statusCode());
        assertEquals("done by other", response.body());
    }

    @Test
    void isAsyncStartedAndGetAsyncContextFollowStartAsync()
    {
        HttpResponse<String> response = Http.get(base, "states");
        assertEquals(200, response.statusCode());
        assertEquals("false,true,true", response.body());
    }

    @Test
    void asyncSupportedServletSaysSo()
    {
        assertEquals("supported=true", Http.get(base, "supported").body());
    }

    @Test
    void startAsyncOnAServletNotAsyncSupportedIsIllegalState()
    {
        HttpResponse<String> response = Http.get(base, "not-supported");
        assertEquals(200, response.statusCode());
        assertEquals("supported=false IllegalStateException started=false", response.body());
    }

    @Test
    void startAsyncWithWrappersKeepsTheWrappers()
    {
        assertEquals("original=false requestWrapped=true responseWrapped=true", Http.get(base, "wrapped?wrap=1").body());
    }

    @Test
    void startAsyncWithoutArgumentsHasTheOriginalRequestAndResponse()
    {
        assertEquals("original=true requestWrapped=false responseWrapped=false", Http.get(base, "wrapped").body());
    }

    @Test
    void secondStartAsyncInOneDispatchIsIllegalState()
    {
        assertEquals("second start: IllegalStateException", Http.get(base, "twice").body());
    }

    @Test
    void startRunnableRunsOnAnotherThread()
    {
        HttpResponse<String> response = Http.get(base, "threads");
        assertEquals(200, response.statusCode());
        assertEquals("task on another thread", response.body());
    }

    /** On a kept-alive connection, so the body has to be framed (chunked) rather than ended by a close. */
    @Test
    void flushedWritesFromAnotherThreadArriveChunkedInOrder()
    {
        try (RawHttp connection = RawHttp.open(base))
        {
            RawHttp.Response response = connection.send(RawHttp.get(base, "flushes")).read();
            assertEquals(200, response.status());
            assertEquals("chunked", response.header("Transfer-Encoding"));
            assertEquals("part1;part2;part3;", response.text());
            assertEquals(200, connection.send(RawHttp.get(base, "supported")).read().status(), "the connection is reused after an async response");
        }
    }

    @Test
    void contentLengthSetFromAnotherThread()
    {
        RawHttp.Response response = RawHttp.exchange(base, RawHttp.get(base, "length", "Connection: close"));
        assertEquals(200, response.status());
        assertEquals("1000", response.header("Content-Length"));
        assertNull(response.header("Transfer-Encoding"));
        assertEquals("0123456789".repeat(100), response.text());
    }

    @Test
    void responseIsNotCommittedWhenTheStartingDispatchReturns()
    {
        HttpResponse<String> response = Http.get(base, "late-header");
        assertEquals(202, response.statusCode());
        assertEquals("committed=false", response.headers().firstValue("X-Late").orElse(null));
    }

    @Test
    void defaultTimeoutIsThirtySeconds()
    {
        assertEquals("timeout=30000", Http.get(base, "timeout").body());
    }

    @Test
    void asyncContextRequestIsTheRequest()
    {
        HttpResponse<String> response = Http.get(base, "same-request?p=v");
        assertEquals(200, response.statusCode());
        assertEquals("set before startAsync|v", response.body());
    }

    @Test
    void requestBodyReadOnAnotherThread()
    {
        String body = "x".repeat(100_000);
        HttpResponse<String> response = Http.post(base, "read-later", "text/plain", "first line\n" + body);
        assertEquals(200, response.statusCode());
        assertEquals((11 + body.length()) + ":first line\nx", response.body());
    }

    @Test
    void largeResponseWrittenOnAnotherThread()
    {
        HttpResponse<String> response = Http.get(base, "large");
        assertEquals(200, response.statusCode());
        assertEquals(Large.SIZE, response.body().length());
        for (int i = 0; i < response.body().length(); i += 4099)
            assertEquals((char) ('a' + (i % 8192) % 26), response.body().charAt(i), "byte " + i);
    }
}
