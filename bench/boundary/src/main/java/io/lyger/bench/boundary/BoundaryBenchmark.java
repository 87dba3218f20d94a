package io.lyger.bench.boundary;

import java.util.concurrent.TimeUnit;

import io.lyger.connector.internal.BoundaryProbe;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the Java-native boundary per request, without sockets (see {@link BoundaryProbe}):
 * {@code requestToJava} is one native call in which the engine parses a head and encodes its event, plus Java's decoding
 * into Jetty's types; {@code responseToNative} is Java's head encoding plus one native call in which the engine
 * validates and frames it. The call goes through the binding the server would use (FFM on JDK 22+, JNA on 17 or with
 * {@code -Dlyger.native.binding=jna}). Run with the GC profiler for bytes allocated per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "--enable-native-access=ALL-UNNAMED"})
public class BoundaryBenchmark
{
    @Param({"0", "8", "32"})
    public int headers;

    private BoundaryProbe probe;
    private MetaData.Response response;

    @Setup
    public void setUp()
    {
        probe = new BoundaryProbe();
        HttpFields.Mutable fields = HttpFields.build();
        if (headers > 0)
            fields.add(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        if (headers > 1)
            fields.add(HttpHeader.DATE, "Tue, 24 Nov 2026 16:00:00 GMT");
        if (headers > 2)
            fields.add(HttpHeader.SERVER, "Jetty(12.1.7)");
        for (int i = fields.size(); i < headers; i++)
            fields.add("X-Response-Header-" + i, "value-" + i);
        response = new MetaData.Response(200, null, HttpVersion.HTTP_1_1, fields.asImmutable());
    }

    @Benchmark
    public HttpFields requestToJava()
    {
        return probe.requestToJava(headers);
    }

    @Benchmark
    public int responseToNative()
    {
        return probe.responseToNative(response, 13);
    }
}
