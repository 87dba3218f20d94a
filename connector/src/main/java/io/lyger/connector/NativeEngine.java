package io.lyger.connector;

import io.lyger.connector.internal.LygerLibrary;

/**
 * Whether the native HTTP/1.1 engine ({@code liblyger.so}) can be used in this JVM, and if not, why; and through
 * which binding Java calls it. Loading is attempted once, on first use.
 */
public final class NativeEngine
{
    private NativeEngine()
    {
    }

    /** @return true when the native library loaded and can serve. */
    public static boolean isAvailable()
    {
        return LygerLibrary.loadFailure() == null;
    }

    /** @return one line saying why the native engine cannot be used, or null when it can. */
    public static String unavailableReason()
    {
        Throwable failure = LygerLibrary.loadFailure();
        if (failure == null)
            return null;
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    /**
     * @return null when the native engine can terminate TLS here (a LygerConnector given an SslConnectionFactory then
     * serves HTTPS natively), else why not; the connector then serves HTTPS through Jetty's SslConnectionFactory
     */
    public static String tlsUnavailableReason()
    {
        // TLS (rustls) is built into every engine of this version: it is there whenever the engine loads
        return unavailableReason();
    }

    /**
     * @return {@code "ffm"} when Java calls the engine through the JDK's foreign function API (JDK 22+), {@code "jna"}
     * when through JNA (JDK 17-21, or {@code -Dlyger.native.binding=jna})
     */
    public static String binding()
    {
        return LygerLibrary.binding();
    }
}
