package io.lyger.tck.security;

import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.lyger.tck.support.Http;

/** Test side: requests of the security tests. */
final class Requests
{
    private Requests()
    {
    }

    /** {@code method} on {@code path} without a body, with {@code Authorization} when {@code authorization} is given. */
    static HttpResponse<String> send(URL base, String method, String path, String authorization)
    {
        HttpRequest.Builder request = Http.request(base, path).method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null)
            request.header("Authorization", authorization);
        return Http.send(request.build());
    }
}
