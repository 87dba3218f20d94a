package io.lyger.connector.internal;

import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MetaData;

import static io.lyger.connector.internal.LygerLibrary.lyger_bench_frame_response;
import static io.lyger.connector.internal.LygerLibrary.lyger_bench_request_event;

/**
 * The Java-native boundary in isolation, for the JMH benchmark in {@code bench/}: the same native parsing, event
 * encoding, Java decoding, head encoding and native framing a request and its response go through, without sockets.
 * Not used by the server.
 */
public final class BoundaryProbe
{
    private final ByteBuffer event;
    private final long eventAddress;
    private final RequestDecoder decoder;
    /** As a connection's {@link NativeChannel}: each request is decoded into the same head. */
    private final RequestHead requestHead = new RequestHead();
    private final ByteBuffer head;
    private final long headAddress;

    public BoundaryProbe()
    {
        event = ThreadBuffers.allocate(64 * 1024);
        eventAddress = ThreadBuffers.address(event);
        decoder = new RequestDecoder(64 * 1024);
        head = ThreadBuffers.allocate(64 * 1024);
        headAddress = ThreadBuffers.address(head);
    }

    /**
     * A request handed from the engine to Java: the engine parses a synthetic head with {@code headers} fields and
     * encodes its event (one native call), Java decodes it into Jetty's types, in the head a keep-alive connection's
     * requests reuse.
     *
     * @return the decoded request's fields (for a JMH Blackhole)
     */
    public HttpFields requestToJava(int headers)
    {
        int length = lyger_bench_request_event(eventAddress, event.capacity(), headers);
        if (length <= 0)
            throw new IllegalStateException("lyger_bench_request_event: " + length);
        decoder.decode(event, length, requestHead);
        return requestHead.fields;
    }

    /**
     * A response handed back from Java to the engine: Java encodes the head, the engine validates and frames it
     * (one native call).
     *
     * @return the framed head's length
     */
    public int responseToNative(MetaData.Response response, int bodyLength)
    {
        int length = ResponseHeadEncoder.encode(response, bodyLength, head, null);
        int framed = lyger_bench_frame_response(headAddress, length, bodyLength);
        if (framed <= 0)
            throw new IllegalStateException("lyger_bench_frame_response: " + framed);
        return framed;
    }
}
