package io.lyger.connector.internal;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.util.Callback;

/**
 * A {@code HttpStream.send} the engine finishes later: the socket did not take all of a piece, the engine keeps writing
 * it on writability (native-connector/ABI.md, "Non-blocking sends") and reports with a SENT event. It holds what
 * {@link NativeHttpStream} needs to go on from there: the callback, the content still to send and the trailers.
 * <p>
 * Made only when a send goes pending (the fast path allocates nothing). The memory the engine reads stays reachable
 * from here until the send is over: the content buffer itself when it is direct, or {@link #copy}, a pooled direct
 * buffer a heap piece was moved into out of the thread's copy buffer, which the thread reuses at once.
 */
final class PendingSend
{
    final Callback callback;
    /** The content of the send, positioned after the pending piece; null when there was none. */
    final ByteBuffer content;
    /** The flags of the whole send (its last piece carries LAST). */
    final int flags;
    /** Whether the pending piece was the content's last. */
    final boolean contentDone;
    /** The trailers that end the response after the content, or null. */
    final Supplier<HttpFields> trailers;
    private final RetainableByteBuffer copy;

    PendingSend(Callback callback, ByteBuffer content, int flags, boolean contentDone, Supplier<HttpFields> trailers, RetainableByteBuffer copy)
    {
        this.callback = callback;
        this.content = content;
        this.flags = flags;
        this.contentDone = contentDone;
        this.trailers = trailers;
        this.copy = copy;
    }

    /** @return the address {@code lyger_send_arm} takes: the copy's, or 0 when the body stays where it was given. */
    long copyAddress()
    {
        return copy == null ? 0 : ThreadBuffers.address(copy.getByteBuffer());
    }

    /** Gives the copy back to the pool; only once the engine no longer reads it. */
    void release()
    {
        if (copy != null)
            copy.release();
    }

    @Override
    public String toString()
    {
        return "PendingSend@%x{contentDone=%b,trailers=%b,copy=%b}".formatted(hashCode(), contentDone, trailers != null, copy != null);
    }
}
