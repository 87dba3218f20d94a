package io.lyger.connector;

import java.net.http.HttpClient;
import java.time.Duration;

/** The java.net.http client the tests use: HTTP/1.1 only (no h2c upgrade attempt), bounded connect time. */
public final class HttpClients
{
    private HttpClients()
    {
    }

    public static HttpClient http11()
    {
        return HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    }
}
