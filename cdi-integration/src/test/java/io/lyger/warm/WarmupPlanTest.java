package io.lyger.warm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class WarmupPlanTest
{
    private static final List<String> MAPPINGS = List.of("", "/", "/a", "/b/*", "*.jsp", "/c", "/d");

    @Test
    void defaultsAreGetsOnExactMappings()
    {
        assertEquals(List.of("GET /app/", "GET /app/a", "GET /app/c", "GET /app/d"),
            names(WarmupPlan.plan("/app", MAPPINGS, new Properties())));
        assertEquals(List.of("GET /", "GET /a", "GET /c", "GET /d"), names(WarmupPlan.plan("/", MAPPINGS, new Properties())));
    }

    @Test
    void descriptorExcludesAndDeclares()
    {
        Properties descriptor = new Properties();
        descriptor.setProperty("exclude", "/c, /d");
        descriptor.setProperty("request.10", "DELETE /x");
        descriptor.setProperty("request.2", "post /a?y=1");
        descriptor.setProperty("request.2.body", "{}");
        descriptor.setProperty("request.2.content-type", "application/json");
        List<WarmupRequest> plan = WarmupPlan.plan("", MAPPINGS, descriptor);
        assertEquals(List.of("GET /", "GET /a", "POST /a?y=1", "DELETE /x"), names(plan));
        assertEquals("{}", plan.get(2).body());
        assertEquals("application/json", plan.get(2).contentType());

        descriptor.setProperty("defaults", "false");
        assertEquals(List.of("POST /a?y=1", "DELETE /x"), names(WarmupPlan.plan("", MAPPINGS, descriptor)));
    }

    @Test
    void badDeclarationIsRejected()
    {
        Properties descriptor = new Properties();
        descriptor.setProperty("request.1", "GET");
        assertThrows(IllegalArgumentException.class, () -> WarmupPlan.plan("", MAPPINGS, descriptor));
        descriptor.setProperty("request.1", "GET relative");
        assertThrows(IllegalArgumentException.class, () -> WarmupPlan.plan("", MAPPINGS, descriptor));
    }

    private static List<String> names(List<WarmupRequest> plan)
    {
        return plan.stream().map(WarmupRequest::toString).toList();
    }
}
