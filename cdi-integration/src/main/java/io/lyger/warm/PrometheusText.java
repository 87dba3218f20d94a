package io.lyger.warm;

import java.lang.management.ManagementFactory;

/** Renders the metrics in Prometheus' text exposition format (version 0.0.4). */
final class PrometheusText
{
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText()
    {
    }

    static String render(RequestMetrics requests, RequestMetrics warmup, Readiness readiness)
    {
        StringBuilder text = new StringBuilder(2048);
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

        counter(text, "lyger_warmup_requests_total", "Requests the JIT warm-up replayed (not counted above).", warmup.total());
        gauge(text, "jvm_memory_heap_used_after_gc_bytes", "Heap in use after the last garbage collection, summed over heap pools.",
            HeapWatch.heapAfterLastGc());
        gauge(text, "jvm_memory_heap_used_bytes", "Heap in use now.", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        gauge(text, "jvm_threads_live", "Live threads.", ManagementFactory.getThreadMXBean().getThreadCount());
        gauge(text, "process_uptime_seconds", "Time since the JVM started.", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        return text.toString();
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
