package io.lyger.connector;

import io.lyger.connector.internal.LygerLibrary;

/**
 * Whether the native HTTP/1.1 engine ({@code liblyger.so}) can be used in this JVM, and if not, why.
 * Loading is attempted once, on first use.
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
}
