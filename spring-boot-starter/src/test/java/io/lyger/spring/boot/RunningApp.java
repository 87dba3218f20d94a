package io.lyger.spring.boot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.lyger.connector.LygerConnector;
import io.lyger.spring.boot.sample.SampleApplication;
import org.eclipse.jetty.server.Server;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The sample application started by SpringApplication on a free port with the given properties, and a client for it. */
final class RunningApp implements AutoCloseable
{
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    final ConfigurableApplicationContext context;

    private RunningApp(ConfigurableApplicationContext context)
    {
        this.context = context;
    }

    /** @param properties {@code name=value} pairs, on top of {@code server.port=0} */
    static RunningApp start(String... properties)
    {
        return new RunningApp(new SpringApplicationBuilder(SampleApplication.class)
            .properties("server.port=0")
            .properties(properties)
            .run());
    }

    Server server()
    {
        return ((JettyWebServer)((WebServerApplicationContext)context).getWebServer()).getServer();
    }

    LygerConnector connector()
    {
        return (LygerConnector)server().getConnectors()[0];
    }

    int port()
    {
        return ((WebServerApplicationContext)context).getWebServer().getPort();
    }

    URI uri(String path)
    {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException
    {
        return CLIENT.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close()
    {
        context.close();
    }
}
