package io.lyger.arquillian;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

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

    /**
     * Sends {@code request} as is (for what java.net.http does not send: an absolute-form target with another Host, a
     * raw percent-encoding) and reads the response until the server closes; the request should say Connection: close.
     * @return the status line and what follows
     */
    static String raw(String host, int port, String request)
    {
        try (Socket socket = new Socket(host, port))
        {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        catch (IOException x)
        {
            throw new UncheckedIOException(host + ":" + port + ": " + x, x);
        }
    }

    /** @return a client trusting the self-signed test certificate of arquillian.xml, following no redirect */
    static HttpClient tlsClient()
    {
        try (InputStream in = Files.newInputStream(Path.of("src/test/resources/test-server.p12")))
        {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(in, "changeit".toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, trust.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(ssl).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        catch (IOException x)
        {
            throw new UncheckedIOException(x);
        }
        catch (GeneralSecurityException x)
        {
            throw new IllegalStateException(x);
        }
    }
}
