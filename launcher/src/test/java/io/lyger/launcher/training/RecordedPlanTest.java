package io.lyger.launcher.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the recording keeps of a request's target, and what a plan file may hold. */
class RecordedPlanTest
{
    @Test
    void secretQueryParametersAndPathParametersAreDropped()
    {
        assertEquals("/a?n=20&page=2", RecordedPlan.scrub("/a?n=20&access_token=x&page=2&apiKey=y&Password=z&sessionid=s&sig=q"));
        assertEquals("/a/b", RecordedPlan.scrub("/a;jsessionid=123/b?token=t"));
        assertEquals("/a", RecordedPlan.scrub("/a?"));
        assertEquals("/a?q=%41", RecordedPlan.scrub("/a?q=%41&%74oken=x")); // an encoded name is decoded before the check
    }

    @Test
    void notAnOriginFormTargetIsNotKept()
    {
        assertNull(RecordedPlan.scrub("http://user:pass@host/a"));
        assertNull(RecordedPlan.scrub("//host/a"));
        assertNull(RecordedPlan.scrub("/a b"));
        assertNull(RecordedPlan.scrub("/a#frag"));
    }

    @Test
    void aPlanFileHoldsOnlyGetOrHeadWithoutSecrets(@TempDir Path dir) throws Exception
    {
        Path plan = dir.resolve("plan.properties");
        Files.writeString(plan, "request.1=GET /a?token\\=t&n\\=1\nrequest.1.header.Cookie=c\nrequest.1.header.Accept=text/html\nrequest.1.weight=500\n");
        RecordedPlan read = RecordedPlan.read(plan);
        assertEquals(1, read.entries().size());
        assertEquals("/a?n=1", read.entries().get(0).request().pathAndQuery());
        assertEquals(java.util.Map.of("Accept", "text/html"), read.entries().get(0).request().headers());
        assertEquals(RecordedPlan.MAX_WEIGHT, read.entries().get(0).request().weight());

        Files.writeString(plan, "request.1=POST /a\n");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> RecordedPlan.read(plan));
        assertEquals(plan + ": request.1: not a recorded GET or HEAD: 'POST /a'", refused.getMessage());
    }
}
