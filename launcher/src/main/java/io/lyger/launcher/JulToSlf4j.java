package io.lyger.launcher;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends java.util.logging to SLF4J for the CLI. Libraries inside WARs log through JUL (Weld does), and JUL's
 * default handler writes to stderr, where the CLI keeps its one-line errors: routed here, they join Jetty's log on
 * stdout in the same format.
 */
final class JulToSlf4j
{
    private JulToSlf4j()
    {
    }

    static void install()
    {
        if (!SLF4JBridgeHandler.isInstalled())
        {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
