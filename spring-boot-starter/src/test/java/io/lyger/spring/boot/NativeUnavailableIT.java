package io.lyger.spring.boot;

import io.lyger.connector.NativeEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.lyger.spring.boot.StartFailures.assertStartFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The starter where the native engine cannot load (run by failsafe in a JVM of its own with
 * -Dlyger.native.disable=true, as on an unsupported platform): the application still starts, served by Jetty's
 * ServerConnector with one line saying why, unless lyger.require-native asks for the engine.
 */
@ExtendWith(OutputCaptureExtension.class)
class NativeUnavailableIT
{
    @Test
    void fallsBackToJettyWithOneLine(CapturedOutput output) throws Exception
    {
        assertFalse(NativeEngine.isAvailable(), "run with -Dlyger.native.disable=true");
        try (RunningApp app = RunningApp.start())
        {
            assertFalse(app.connector().isNative());
            assertEquals(1, output.getOut().lines().filter(line -> line.contains("Lyger native engine not used")).count(), output.getOut());
            assertTrue(output.getOut().contains("disabled by -Dlyger.native.disable=true"), output.getOut());
            assertEquals("Hello from Spring", app.get("/hello").body());
            assertEquals("plain servlet", app.get("/plain").body());
        }
    }

    @Test
    void requireNativeFailsTheStart()
    {
        String line = assertStartFails("lyger.require-native=true", "lyger.require-native=true");
        assertTrue(line.contains("disabled by -Dlyger.native.disable=true"), line);
    }
}
