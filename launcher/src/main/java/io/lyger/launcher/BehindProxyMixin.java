package io.lyger.launcher;

import picocli.CommandLine.Option;

/** {@code serve}'s options for running behind a load balancer or reverse proxy: where the client's address comes from. */
final class BehindProxyMixin
{
    @Option(names = "--proxy-protocol",
        description = "Read a PROXY protocol header (v1 or v2: HAProxy's send-proxy / send-proxy-v2, cloud load balancers) at the start of "
            + "each connection, as Jetty's ProxyConnectionFactory does: applications see the client's address it carries. A malformed "
            + "header closes the connection; a connection without one is served as plain HTTP.")
    boolean proxyProtocol;

    @Option(names = "--forwarded",
        description = "Take the client's address, scheme and host from Forwarded and X-Forwarded-* request headers (Jetty's "
            + "ForwardedRequestCustomizer). Only behind a proxy that sets them: any client can send them.")
    boolean forwarded;

    void apply(Lyger.Builder builder)
    {
        builder.proxyProtocol(proxyProtocol).forwarded(forwarded);
    }
}
