package io.lyger.spring.boot.sample;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Counts the warm-up's requests by the readiness state the application was in when each arrived. */
@RestController
public class WarmupProbeController
{
    public static final AtomicInteger WARMUP_WHILE_REFUSING = new AtomicInteger();
    public static final AtomicInteger WARMUP_WHILE_ACCEPTING = new AtomicInteger();

    private final ApplicationAvailability availability;

    public WarmupProbeController(ApplicationAvailability availability)
    {
        this.availability = availability;
    }

    @GetMapping("/warm")
    public String warm(@RequestHeader(name = "X-Lyger-Warmup", required = false) String warmup)
    {
        if (warmup != null)
            (availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC ? WARMUP_WHILE_REFUSING : WARMUP_WHILE_ACCEPTING).incrementAndGet();
        return "warm";
    }
}
