package io.lyger.spring.boot;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Actuator beside the starter: readiness and liveness probes, and Lyger's gauges in /actuator/prometheus. */
class ActuatorIT
{
    @Test
    void probesAndPrometheus() throws Exception
    {
        try (RunningApp app = RunningApp.start("management.endpoint.health.probes.enabled=true",
            "management.endpoints.web.exposure.include=health,prometheus"))
        {
            assertTrue(app.connector().isNative());
            HttpResponse<String> readiness = app.get("/actuator/health/readiness");
            assertEquals(200, readiness.statusCode(), readiness.body());
            assertTrue(readiness.body().contains("\"UP\""), readiness.body());
            assertEquals(200, app.get("/actuator/health/liveness").statusCode());

            HttpResponse<String> prometheus = app.get("/actuator/prometheus");
            assertEquals(200, prometheus.statusCode());
            String body = prometheus.body();
            assertTrue(body.contains("lyger_native_active 1.0"), body);
            assertTrue(body.lines().anyMatch(line -> line.startsWith("lyger_native_connections ")), body);
            assertTrue(body.lines().anyMatch(line -> line.startsWith("lyger_native_buffer_bytes ")), body);
            // this request, on its way through the native engine, is one in flight
            assertTrue(body.contains("lyger_requests_in_flight 1.0"), body);
        }
    }
}
