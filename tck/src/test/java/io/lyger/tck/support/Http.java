package io.lyger.tck.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A thin wrapper over {@link HttpClient} for TCK tests: HTTP/1.1, redirects are not followed (a 302 is what the test
 * sees), no cookies kept, bodies as strings (decoded with the response's charset, UTF-8 by default). Paths are
 * relative to the deployment's base URL:
 * <pre>{@code
 * HttpResponse<String> response = Http.get(base, "hello?name=x", "Accept-Language", "fr");
 * }</pre>
 * {@link #session()} gives a client that keeps cookies (a browser session). Headers the JDK client refuses to set
 * ({@code Host}, {@code Connection}, {@code Content-Length}, {@code Expect}, {@code Upgrade}) need {@link RawHttp}.
 */
public final class Http
{
    /** How long one exchange may take before the test fails. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static final Session NO_COOKIES = new Session(null);

    private Http()
    {
    }

    /** @return a client of its own that keeps the cookies it receives, for session and cookie tests. */
    public static Session session()
    {
        return new Session(new CookieManager());
    }

    /** GET {@code path} (relative to {@code base}) with header names and values in pairs. */
    public static HttpResponse<String> get(URL base, String path, String... headers)
    {
        return NO_COOKIES.get(base, path, headers);
    }

    /** POST {@code body} (UTF-8) with a content type (null: none) and header names and values in pairs. */
    public static HttpResponse<String> post(URL base, String path, String contentType, String body, String... headers)
    {
        return NO_COOKIES.post(base, path, contentType, body, headers);
    }

    /** Sends a request built by the test (start from {@link #request(URL, String)}). */
    public static HttpResponse<String> send(HttpRequest request)
    {
        return NO_COOKIES.send(request);
    }

    /** @return a request builder for {@code path} relative to {@code base}, with the TCK's timeout. */
    public static HttpRequest.Builder request(URL base, String path)
    {
        return HttpRequest.newBuilder(uri(base, path)).timeout(TIMEOUT);
    }

    /**
     * @return {@code path} resolved against {@code base}: {@code "hello"} under {@code http://h:p/ctx/} is
     * {@code http://h:p/ctx/hello}; a leading slash is relative to the context too
     */
    public static URI uri(URL base, String path)
    {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        try
        {
            return base.toURI().resolve(relative);
        }
        catch (URISyntaxException x)
        {
            throw new IllegalArgumentException("bad base URL " + base, x);
        }
    }

    /** An HTTP client; the one of {@link Http#session()} keeps cookies. */
    public static final class Session
    {
        private final HttpClient client;

        private Session(CookieManager cookies)
        {
            HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(TIMEOUT);
            if (cookies != null)
                builder.cookieHandler(cookies);
            client = builder.build();
        }

        public HttpResponse<String> get(URL base, String path, String... headers)
        {
            return send(headers(request(base, path), headers).GET().build());
        }

        public HttpResponse<String> post(URL base, String path, String contentType, String body, String... headers)
        {
            HttpRequest.Builder builder = headers(request(base, path), headers);
            if (contentType != null)
                builder.header("Content-Type", contentType);
            return send(builder.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
        }

        public HttpResponse<String> send(HttpRequest request)
        {
            try
            {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            }
            catch (IOException x)
            {
                throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + x, x);
            }
            catch (InterruptedException x)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri(), x);
            }
        }

        private static HttpRequest.Builder headers(HttpRequest.Builder builder, String... headers)
        {
            if (headers.length % 2 != 0)
                throw new IllegalArgumentException("headers come in name, value pairs");
            for (int i = 0; i < headers.length; i += 2)
                builder.header(headers[i], headers[i + 1]);
            return builder;
        }
    }
}
