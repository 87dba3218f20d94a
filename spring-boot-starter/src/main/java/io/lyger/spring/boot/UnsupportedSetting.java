package io.lyger.spring.boot;

/** The one-line failure for a {@code server.*} setting the native engine cannot honour. */
final class UnsupportedSetting
{
    private UnsupportedSetting()
    {
    }

    /**
     * @param setting the property and its value, as the user wrote it
     * @param instead the Lyger property to use instead, or null
     */
    static LygerStartException of(String setting, String instead)
    {
        return new LygerStartException("Lyger's native HTTP/1.1 engine cannot honour " + setting
            + (instead == null ? "" : " (use " + instead + ")"),
            "Remove " + setting.substring(0, setting.indexOf('=')) + (instead == null ? "" : " or use " + instead)
                + ", or set lyger.connector=jetty to serve through Jetty's ServerConnector.");
    }
}
