package io.lyger.connector.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The direct memory one thread passes to the engine: an event buffer (for {@code lyger_poll} and
 * {@code lyger_complete}), a response-head buffer, a buffer to copy heap content into, and the thread's
 * {@link RequestDecoder}. One set per thread, made once, with their native addresses computed once: a request costs no allocation
 * and no address lookup here.
 */
final class ThreadBuffers
{
    static final int COPY_CAPACITY = 64 * 1024;
    private static final int HEAD_CAPACITY = 64 * 1024;

    private static final ThreadLocal<ThreadBuffers> CURRENT = ThreadLocal.withInitial(ThreadBuffers::new);

    private ByteBuffer event;
    private long eventAddress;
    final ByteBuffer head;
    final long headAddress;
    final ByteBuffer copy;
    final long copyAddress;
    final RequestDecoder decoder = new RequestDecoder(8 * 1024);

    private ThreadBuffers()
    {
        head = allocate(HEAD_CAPACITY);
        headAddress = address(head);
        copy = allocate(COPY_CAPACITY);
        copyAddress = address(copy);
    }

    static ThreadBuffers current()
    {
        return CURRENT.get();
    }

    /** @return this thread's event buffer, at least {@code capacity} bytes long. */
    ByteBuffer event(int capacity)
    {
        if (event == null || event.capacity() < capacity)
        {
            event = allocate(capacity);
            eventAddress = address(event);
            decoder.ensureCapacity(capacity);
        }
        return event;
    }

    /** @return the address of the buffer last returned by {@link #event(int)}. */
    long eventAddress()
    {
        return eventAddress;
    }

    static ByteBuffer allocate(int capacity)
    {
        return ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the native address of the first byte of a direct buffer (not of its position). */
    static long address(ByteBuffer direct)
    {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }
}
