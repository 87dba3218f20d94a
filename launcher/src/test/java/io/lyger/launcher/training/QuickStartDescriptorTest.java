package io.lyger.launcher.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The descriptors' names, and the manifest's record of them that a start checks. */
class QuickStartDescriptorTest
{
    @Test
    void oneFilePerContextPath(@TempDir Path dir)
    {
        assertEquals(dir.resolve("quickstart-web.ROOT.xml"), QuickStartDescriptor.file(dir, "/"));
        assertEquals(dir.resolve("quickstart-web.shop.xml"), QuickStartDescriptor.file(dir, "/shop"));
        assertEquals(dir.resolve("quickstart-web.a_b.xml"), QuickStartDescriptor.file(dir, "/a/b"));
        assertEquals(dir, QuickStartDescriptor.file(dir, "/../x").getParent());
    }

    @Test
    void aDamagedOrMissingDescriptorIgnoresTheProfile(@TempDir Path dir) throws Exception
    {
        Files.writeString(QuickStartDescriptor.file(dir, "/"), "<web-app/>");
        Files.writeString(QuickStartDescriptor.file(dir, "/shop"), "<web-app/>");
        Properties manifest = new Properties();
        QuickStartDescriptor.record(dir, manifest);
        assertEquals("quickstart-web.ROOT.xml quickstart-web.shop.xml", manifest.getProperty("quickstart.files"));
        assertNull(QuickStartDescriptor.check(dir, manifest));

        Files.writeString(QuickStartDescriptor.file(dir, "/shop"), "<web-app>changed</web-app>");
        assertEquals("its quickstart descriptor quickstart-web.shop.xml is missing or damaged", QuickStartDescriptor.check(dir, manifest));
        Files.delete(QuickStartDescriptor.file(dir, "/shop"));
        assertEquals("its quickstart descriptor quickstart-web.shop.xml is missing or damaged", QuickStartDescriptor.check(dir, manifest));

        // a profile from before the descriptors names none: its WARs are scanned, the rest of it is used
        assertNull(QuickStartDescriptor.check(dir, new Properties()));
        Properties tampered = new Properties();
        tampered.setProperty("quickstart.files", "../profile.properties");
        assertFalse(QuickStartDescriptor.check(dir, tampered) == null);
    }

    @Test
    void anEarlierRunsDescriptorsAreDeletedBeforeTraining(@TempDir Path dir) throws Exception
    {
        Files.writeString(QuickStartDescriptor.file(dir, "/old"), "<web-app/>");
        Files.writeString(dir.resolve("plan.properties"), "");
        QuickStartDescriptor.deleteAll(dir);
        assertFalse(Files.exists(QuickStartDescriptor.file(dir, "/old")));
        assertEquals(true, Files.exists(dir.resolve("plan.properties")));
    }
}
