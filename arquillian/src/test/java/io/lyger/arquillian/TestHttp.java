package io.lyger.arquillian;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GET and POST for this module's tests: HTTP/1.1, no redirects followed. */
final class TestHttp
{
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private TestHttp()
    {
    }

    static URI uri(URL base, String path)
    {
        try
        {
            return base.toURI().resolve(path);
        }
        catch (URISyntaxException x)
        {
            throw new IllegalArgumentException(x);
        }
    }

    static HttpResponse<String> get(URL base, String path, String... headers)
    {
        return send(CLIENT, HttpRequest.newBuilder(uri(base, path)).timeout(Duration.ofSeconds(20)).headers(headers.length == 0 ? new String[] {"Accept", "*/*"} : headers).build());
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest request)
    {
        try
        {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException x)
        {
            throw new UncheckedIOException(request.uri() + ": " + x, x);
        }
        catch (InterruptedException x)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(x);
        }
    }
}
