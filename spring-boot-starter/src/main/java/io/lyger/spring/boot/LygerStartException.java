package io.lyger.spring.boot;

/**
 * A configuration Lyger cannot serve, found while the web server is created: the message is one line naming the
 * property, which {@link LygerFailureAnalyzer} shows as the reason the application failed to start.
 */
public class LygerStartException extends RuntimeException
{
    private final String action;

    public LygerStartException(String message, String action)
    {
        super(message);
        this.action = action;
    }

    /** @return what the user can do about it, one line. */
    public String action()
    {
        return action;
    }
}
