package io.lyger.connector.fuzz;

import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The engine's parsing of an input, through {@code lyger_parse_probe} (native-connector/ABI.md, "Parse probe"): its
 * head parser and body framing as a connection runs them. A test-only JNA interface: the probe is no part of the
 * connector's binding.
 */
final class EngineParse
{
    interface Probe extends Library
    {
        int lyger_parse_probe(byte[] buf, int len, int maxRequestLine, int maxHeaderBytes, long maxBodyBytes, int[] out, int cap);
    }

    private static final Probe PROBE = Native.load("lyger", Probe.class);
    private static final int ACCEPTED = 0;
    private static final int REJECTED = 1;
    private static final int IN_BODY = 1;
    private static final int KEEP_ALIVE = 2;

    private final int requestHeaderSize;
    private int[] records = new int[64];

    /** @param requestHeaderSize passed as both limits, as {@code NativeServer} passes HttpConfiguration's */
    EngineParse(int requestHeaderSize)
    {
        this.requestHeaderSize = requestHeaderSize;
    }

    List<Verdict> parse(byte[] input)
    {
        int n = PROBE.lyger_parse_probe(input, input.length, requestHeaderSize, requestHeaderSize, -1, records, records.length);
        if (n < 0)
            throw new IllegalStateException("lyger_parse_probe panicked");
        if (n * 4 > records.length)
        {
            records = new int[n * 4];
            return parse(input);
        }
        List<Verdict> verdicts = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
        {
            int kind = records[i * 4];
            int status = records[i * 4 + 1];
            int end = records[i * 4 + 2];
            int flags = records[i * 4 + 3];
            boolean inBody = (flags & IN_BODY) != 0;
            verdicts.add(switch (kind)
            {
                case ACCEPTED -> Verdict.accepted(end, (flags & KEEP_ALIVE) != 0);
                case REJECTED -> Verdict.rejected(status, inBody, null);
                default -> Verdict.incomplete(inBody);
            });
        }
        return verdicts;
    }
}
