package io.lyger.tck.support;

/**
 * Server side: what a call the container may refuse did, as a word a test can assert:
 * {@code Attempt.of(() -> request.startAsync())} is {@code "accepted"} or the simple name of what it threw
 * ({@code "IllegalStateException"}). Deploy {@code Attempt.class, Attempt.Action.class} with the servlets.
 */
public final class Attempt
{
    private Attempt()
    {
    }

    /** A call that may throw. */
    public interface Action
    {
        void run() throws Exception;
    }

    /** @return {@code "accepted"} when {@code action} returns, else the simple class name of what it threw. */
    public static String of(Action action)
    {
        try
        {
            action.run();
            return "accepted";
        }
        catch (Exception x)
        {
            return x.getClass().getSimpleName();
        }
    }
}
