package io.lyger.warm;

import java.lang.management.ManagementFactory;

import io.lyger.connector.LygerConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;

/** Renders the metrics in Prometheus' text exposition format (version 0.0.4). */
final class PrometheusText
{
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText()
    {
    }

    static String render(RequestMetrics requests, RequestMetrics warmup, Readiness readiness, Server server)
    {
        StringBuilder text = new StringBuilder(2048);
        connectors(text, server);
        gauge(text, "lyger_ready", "1 when the server is warm and ready for traffic, else 0", readiness.isReady() ? 1 : 0);

        text.append("# HELP lyger_http_requests_total Requests answered by the web applications, by status class.\n");
        text.append("# TYPE lyger_http_requests_total counter\n");
        for (int statusClass = 1; statusClass <= 5; statusClass++)
            text.append("lyger_http_requests_total{status=\"").append(statusClass).append("xx\"} ").append(requests.requests(statusClass)).append('\n');

        text.append("# HELP lyger_http_request_duration_seconds Time from the request reaching Jetty to its completion.\n");
        text.append("# TYPE lyger_http_request_duration_seconds histogram\n");
        long[] counts = requests.bucketCounts();
        long cumulative = 0;
        for (int i = 0; i < counts.length; i++)
        {
            cumulative += counts[i];
            String le = i < RequestMetrics.BUCKETS.length ? format(RequestMetrics.BUCKETS[i]) : "+Inf";
            text.append("lyger_http_request_duration_seconds_bucket{le=\"").append(le).append("\"} ").append(cumulative).append('\n');
        }
        text.append("lyger_http_request_duration_seconds_sum ").append(format(requests.sumSeconds())).append('\n');
        text.append("lyger_http_request_duration_seconds_count ").append(cumulative).append('\n');

        counter(text, "lyger_warmup_requests_total", "Requests the JIT warm-up replayed, and any other answered during the first one (not counted above).", warmup.total());
        gauge(text, "jvm_memory_heap_used_after_gc_bytes", "Heap in use after the last garbage collection, summed over heap pools.",
            HeapWatch.heapAfterLastGc());
        gauge(text, "jvm_memory_heap_used_bytes", "Heap in use now.", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        gauge(text, "jvm_threads_live", "Live threads.", ManagementFactory.getThreadMXBean().getThreadCount());
        gauge(text, "process_uptime_seconds", "Time since the JVM started.", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        return text.toString();
    }

    /** Per LygerConnector: whether the native engine serves, its open connections and their buffers, requests in flight. */
    private static void connectors(StringBuilder text, Server server)
    {
        if (server == null)
            return;
        StringBuilder engine = new StringBuilder();
        StringBuilder connections = new StringBuilder();
        StringBuilder buffers = new StringBuilder();
        StringBuilder inFlight = new StringBuilder();
        for (Connector connector : server.getConnectors())
        {
            if (!(connector instanceof LygerConnector lyger))
                continue;
            String label = "{port=\"" + lyger.getLocalPort() + "\"} ";
            engine.append("lyger_connector_native").append(label).append(lyger.isNative() ? 1 : 0).append('\n');
            if (lyger.isNative())
            {
                connections.append("lyger_native_connections").append(label).append(lyger.getNativeConnections()).append('\n');
                buffers.append("lyger_native_buffer_bytes").append(label).append(lyger.getNativeBufferBytes()).append('\n');
            }
            inFlight.append("lyger_requests_in_flight").append(label).append(lyger.getRequestsInFlight()).append('\n');
        }
        if (engine.length() == 0)
            return;
        text.append("# HELP lyger_connector_native 1 when the native engine serves the connector, 0 when Jetty's ServerConnector does.\n");
        text.append("# TYPE lyger_connector_native gauge\n").append(engine);
        if (connections.length() > 0)
        {
            text.append("# HELP lyger_native_connections Connections the native engine holds open, idle keep-alive ones included.\n");
            text.append("# TYPE lyger_native_connections gauge\n").append(connections);
            text.append("# HELP lyger_native_buffer_bytes Bytes the native engine holds in its connections' buffers (input, response heads, batched pipelined responses).\n");
            text.append("# TYPE lyger_native_buffer_bytes gauge\n").append(buffers);
        }
        text.append("# HELP lyger_requests_in_flight Requests being handled now.\n");
        text.append("# TYPE lyger_requests_in_flight gauge\n").append(inFlight);
    }

    private static void gauge(StringBuilder text, String name, String help, double value)
    {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(" gauge\n");
        text.append(name).append(' ').append(format(value)).append('\n');
    }

    private static void counter(StringBuilder text, String name, String help, long value)
    {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(" counter\n");
        text.append(name).append(' ').append(value).append('\n');
    }

    private static String format(double value)
    {
        if (value == Math.rint(value) && Math.abs(value) < 1e15)
            return Long.toString((long)value);
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
