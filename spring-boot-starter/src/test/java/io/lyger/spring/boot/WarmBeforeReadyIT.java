package io.lyger.spring.boot;

import io.lyger.spring.boot.sample.WarmupProbeController;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * lyger.warmup.paths: the declared requests are served through the native connector while Spring's readiness is
 * REFUSING_TRAFFIC, and readiness accepts traffic once they have run.
 */
@ExtendWith(OutputCaptureExtension.class)
class WarmBeforeReadyIT
{
    @Test
    void declaredRequestsRunBeforeReadiness(CapturedOutput output) throws Exception
    {
        // A budget well above what the warm-up needs (it stops once latency stops improving): one request may wait a
        // quarter of it, so a loaded machine's pause is not taken for a hung request.
        try (RunningApp app = RunningApp.start("server.address=127.0.0.1", "lyger.warmup.paths=/warm,/plain", "lyger.warmup.budget=20s"))
        {
            assertTrue(app.connector().isNative());
            assertTrue(WarmupProbeController.WARMUP_WHILE_REFUSING.get() > 0, "the warm-up's /warm came before ready");
            assertEquals(0, WarmupProbeController.WARMUP_WHILE_ACCEPTING.get());
            ApplicationAvailability availability = app.context.getBean(ApplicationAvailability.class);
            assertEquals(ReadinessState.ACCEPTING_TRAFFIC, availability.getReadinessState());
            assertEquals(LivenessState.CORRECT, availability.getLivenessState());
            // cdi-integration's JIT warm-up ran the two declared requests, and none failed
            assertTrue(output.getOut().contains(" requests over 2 paths in "), output.getOut());
            assertFalse(output.getOut().contains("JIT warm-up: GET /"), "no request failed: " + output.getOut());
        }
    }
}
