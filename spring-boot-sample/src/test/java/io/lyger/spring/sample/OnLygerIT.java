package io.lyger.spring.sample;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample through lyger-spring-boot-starter with the native engine active (lyger.require-native=true, and the
 * LygerConnector checked), warm before ready: the warm-up's requests, /actuator/health/readiness among them, all
 * arrive while readiness is REFUSING_TRAFFIC (the probe answering 503), and readiness accepts traffic after.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "lyger.require-native=true",
    "lyger.warmup.budget=3s",
    "lyger.warmup.paths=/plaintext,/json,/db,/queries?n=20,/fortunes,/actuator/health/readiness"})
class OnLygerIT
{
    /** What each warm-up request found: the readiness state when it arrived, and what the readiness probe answered. */
    record Seen(String path, ReadinessState readiness, int status)
    {
    }

    static final List<Seen> WARMUP = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class WarmupRecorder
    {
        @Bean
        OncePerRequestFilter warmupRecorder(ApplicationAvailability availability)
        {
            return new OncePerRequestFilter()
            {
                @Override
                protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException
                {
                    ReadinessState readiness = availability.getReadinessState();
                    chain.doFilter(request, response);
                    if (request.getHeader("X-Lyger-Warmup") != null)
                        WARMUP.add(new Seen(request.getRequestURI(), readiness, response.getStatus()));
                }
            };
        }
    }

    @Autowired
    WebServerApplicationContext context;

    @Autowired
    ApplicationAvailability availability;

    @Test
    void nativeEngineServesEveryEndpoint() throws Exception
    {
        assertTrue(ServerConnectors.lygerConnector(context).isNative(), "the native engine serves");
        SampleEndpoints.assertAll(URI.create("http://127.0.0.1:" + context.getWebServer().getPort() + "/"));
    }

    @Test
    void readinessRefusesTrafficUntilWarm() throws Exception
    {
        assertFalse(WARMUP.isEmpty(), "the warm-up ran through the server");
        for (String path : List.of("/plaintext", "/json", "/db", "/queries", "/fortunes", "/actuator/health/readiness"))
            assertTrue(WARMUP.stream().anyMatch(seen -> seen.path().equals(path)), path + " was replayed: " + WARMUP);
        assertTrue(WARMUP.stream().allMatch(seen -> seen.readiness() == ReadinessState.REFUSING_TRAFFIC), "all before ready: " + WARMUP);
        assertTrue(WARMUP.stream().filter(seen -> seen.path().equals("/actuator/health/readiness")).allMatch(seen -> seen.status() == 503),
            "the readiness probe answered 503 during the warm-up: " + WARMUP);
        assertTrue(WARMUP.stream().filter(seen -> !seen.path().startsWith("/actuator/")).allMatch(seen -> seen.status() == 200), String.valueOf(WARMUP));

        assertEquals(ReadinessState.ACCEPTING_TRAFFIC, availability.getReadinessState());
        assertEquals(LivenessState.CORRECT, availability.getLivenessState());
        URI base = URI.create("http://127.0.0.1:" + context.getWebServer().getPort() + "/");
        assertEquals(200, SampleEndpoints.get(base, "/actuator/health/readiness").statusCode());
        assertEquals(200, SampleEndpoints.get(base, "/actuator/health/liveness").statusCode());
    }
}
