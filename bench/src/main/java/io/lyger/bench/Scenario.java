package io.lyger.bench;

import java.util.List;

/**
 * One load pattern run against every target that serves its path.
 *
 * @param id          short name, used in the report, the chart and file names
 * @param title       what it measures, for the report
 * @param path        request target (without the context path)
 * @param load        how wrk sends requests
 * @param connections wrk connections ({@code -c})
 * @param idleConnections keep-alive connections the harness opens and holds (one request each) during the run
 * @param available   false for endpoints the sample WAR does not have yet: listed in the report, not run
 * @param targets     the targets for this scenario (ratios native/Jetty)
 * @param suite       HTTP or HTTPS: which targets it runs against (over https:// for the latter)
 */
public record Scenario(String id, String title, String path, Load load, int connections, int idleConnections,
                       boolean available, List<Target> targets, Suite suite)
{
    /** A cleartext HTTP scenario. */
    public Scenario(String id, String title, String path, Load load, int connections, int idleConnections,
                    boolean available, List<Target> targets)
    {
        this(id, title, path, load, connections, idleConnections, available, targets, Suite.HTTP);
    }

    /** How requests are sent. */
    public enum Load
    {
        /** Keep-alive GETs, one request in flight per connection. */
        GET,
        /** Keep-alive GETs, {@link Scenarios#PIPELINE_DEPTH} requests written at once per connection. */
        PIPELINE,
        /** Keep-alive POSTs with a {@link Scenarios#UPLOAD_BYTES} body. */
        UPLOAD,
        /**
         * GETs with {@code Connection: close}: one TCP connection per request. Over HTTPS wrk resumes the TLS session
         * of the connection before (it keeps its SSL object across reconnects), so each request is an abbreviated
         * handshake after the first.
         */
        CONNECTION_CLOSE,
        /** HTTPS only: {@code openssl s_time -new}, a full TLS handshake and one HTTP/1.0 GET per connection. */
        TLS_FULL_HANDSHAKE,
        /** HTTPS only: {@code openssl s_time -reuse}, a resumed TLS session and one HTTP/1.0 GET per connection. */
        TLS_RESUMED_HANDSHAKE;

        /** @return true when run by {@code openssl s_time} (STimeRunner) rather than wrk */
        public boolean sTime()
        {
            return this == TLS_FULL_HANDSHAKE || this == TLS_RESUMED_HANDSHAKE;
        }
    }

    /** wrk threads: two, one per core of the machines this runs on (wrk and the server share them). */
    public int threads()
    {
        return Math.min(2, connections);
    }
}
