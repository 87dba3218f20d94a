package io.lyger.warm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class WarmupPlanTest
{
    private static final List<String> MAPPINGS = List.of("", "/", "/a", "/b/*", "*.jsp", "/c", "/d");

    @Test
    void nothingDeclaredReplaysNoServlet()
    {
        assertEquals(List.of(), names(WarmupPlan.plan("/app", MAPPINGS, new Properties())));
    }

    @Test
    void servletGetsAreGetsOnExactMappingsWhenDeclared()
    {
        Properties descriptor = properties("servlet-gets", "true");
        assertEquals(List.of("GET /app/", "GET /app/a", "GET /app/c", "GET /app/d"), names(WarmupPlan.plan("/app", MAPPINGS, descriptor)));
        assertEquals(List.of("GET /", "GET /a", "GET /c", "GET /d"), names(WarmupPlan.plan("/", MAPPINGS, descriptor)));
        // the older name
        assertEquals(List.of("GET /", "GET /a", "GET /c", "GET /d"), names(WarmupPlan.plan("/", MAPPINGS, properties("defaults", "true"))));
        assertEquals(List.of(), names(WarmupPlan.plan("/", MAPPINGS, properties("defaults", "false"))));
    }

    @Test
    void descriptorExcludesAndDeclares()
    {
        Properties descriptor = properties("servlet-gets", "true");
        descriptor.setProperty("exclude", "/c, /d");
        descriptor.setProperty("request.10", "DELETE /x");
        descriptor.setProperty("request.2", "post /a?y=1");
        descriptor.setProperty("request.2.body", "{}");
        descriptor.setProperty("request.2.content-type", "application/json");
        descriptor.setProperty("request.2.weight", "3");
        descriptor.setProperty("request.2.header.Accept", "application/json");
        descriptor.setProperty("request.2.header.X-Tenant", "warm");
        List<WarmupRequest> plan = WarmupPlan.plan("", MAPPINGS, descriptor);
        assertEquals(List.of("GET /", "GET /a", "POST /a?y=1", "DELETE /x"), names(plan));
        assertEquals("{}", plan.get(2).body());
        assertEquals("application/json", plan.get(2).contentType());
        assertEquals(3, plan.get(2).weight());
        assertEquals(Map.of("Accept", "application/json", "X-Tenant", "warm"), plan.get(2).headers());
        assertEquals(1, plan.get(3).weight());
        assertEquals(List.of("GET /", "GET /a", "POST /a?y=1", "POST /a?y=1", "POST /a?y=1", "DELETE /x"), names(JitWarmup.weighted(plan)));

        descriptor.setProperty("servlet-gets", "false");
        assertEquals(List.of("POST /a?y=1", "DELETE /x"), names(WarmupPlan.plan("", MAPPINGS, descriptor)));
    }

    @Test
    void badDeclarationIsRejectedNamingTheFileAndKey()
    {
        for (Properties bad : List.of(properties("request.1", "GET"), properties("request.1", "GET relative"),
            properties("request.1", "GET /a b"), properties("request.1", "G(ET /a"),
            properties("request.1", "GET /a", "request.1.weight", "0"), properties("request.1", "GET /a", "request.1.weight", "many"),
            properties("request.1", "GET /a", "request.1.header.Host", "x"), properties("request.1", "GET /a", "request.1.header.Bad Name", "x"),
            properties("request.2.body", "x"), properties("servlet-gets", "yes"), properties("servlet-gets", "true # a comment"),
            properties("reqest.1", "GET /a"), properties("defaults", "true", "servlet-gets", "true")))
        {
            IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> WarmupPlan.plan("", MAPPINGS, bad), bad.toString());
            assertTrue(failure.getMessage().startsWith("WEB-INF/lyger-warmup.properties: "), failure.getMessage());
        }
    }

    private static Properties properties(String... keysAndValues)
    {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2)
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        return properties;
    }

    private static List<String> names(List<WarmupRequest> plan)
    {
        return plan.stream().map(WarmupRequest::toString).toList();
    }
}
