package io.lyger.spring.boot;

/** The one-line failure for a {@code server.*} setting Lyger's connector cannot honour. */
final class UnsupportedSetting
{
    private UnsupportedSetting()
    {
    }

    /**
     * A setting the native engine cannot honour, while Jetty's connector behind lyger.connector=jetty can.
     *
     * @param setting the property and its value, as the user wrote it
     */
    static LygerStartException forNative(String setting)
    {
        return new LygerStartException("Lyger's native HTTP/1.1 engine cannot honour " + setting,
            "Remove " + name(setting) + ", or set lyger.connector=jetty to serve through Jetty's ServerConnector.");
    }

    /**
     * A setting of Spring's own ServerConnector that LygerConnector does not carry over, whichever connector serves.
     *
     * @param setting the property and its value, as the user wrote it
     * @param instead the Lyger property to use instead, or null
     */
    static LygerStartException forLygerConnector(String setting, String instead)
    {
        return new LygerStartException("Lyger's connector cannot honour " + setting + (instead == null ? "" : " (use " + instead + ")"),
            "Remove " + name(setting) + (instead == null ? "" : " or use " + instead)
                + ", or remove lyger-spring-boot-starter to serve through Spring's own Jetty connector.");
    }

    private static String name(String setting)
    {
        return setting.substring(0, setting.indexOf('='));
    }
}
