package io.lyger.connector.fuzz;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.http.ComplianceViolation;
import org.eclipse.jetty.http.HostPortHttpField;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;

/**
 * Jetty's parsing of an input: its {@link HttpParser} configured as {@code ServerConnector}'s {@code HttpConnection}
 * configures it (the {@link HttpConfiguration}'s compliance, {@code requestHeaderSize} and header cache), fed the
 * whole input as one read, reset after each message the connection keeps going after.
 * <p>
 * The refusals Jetty makes once a head is parsed, outside the parser, are applied here too (their reason starts with
 * {@link #AFTER_HEAD}), with Jetty's own classes where it has them, since the engine makes some of them while parsing:
 * a target HttpURI cannot parse, a blank Host or one that is not the absolute target's
 * authority, an unknown expectation (417) and HTTP/2.0 (426) in {@code HttpConnection.HttpStreamOverHTTP1.headerComplete},
 * a path that does not start with '/' and URI violations in {@code HttpChannelState}; and the persistence rule of the
 * former decides whether the connection goes on after a message.
 */
final class JettyParse
{
    /** How the reason of a refusal made after the parser starts (see the class comment). */
    static final String AFTER_HEAD = "after the head: ";

    private final HttpConfiguration configuration;

    JettyParse(HttpConfiguration configuration)
    {
        this.configuration = configuration;
    }

    List<Verdict> parse(byte[] input)
    {
        List<Verdict> verdicts = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(input);
        Handler handler = new Handler();
        HttpParser parser = new HttpParser(handler, configuration.getRequestHeaderSize(), configuration.getHttpCompliance());
        parser.setHeaderCacheSize(configuration.getHeaderCacheSize());
        parser.setHeaderCacheCaseSensitive(configuration.isHeaderCacheCaseSensitive());
        while (buffer.hasRemaining())
        {
            handler.begin();
            while (handler.failure == null && !handler.complete && buffer.hasRemaining())
            {
                int before = buffer.position();
                if (!parser.parseNext(buffer) && buffer.position() == before && buffer.hasRemaining())
                    throw new IllegalStateException("HttpParser made no progress at " + before + " in state " + parser.getState() +
                        ": \"" + DifferentialFuzzTest.escape(input) + "\"");
            }
            // a head can end exactly at the end of the input: the parser completes it on the next call
            if (handler.failure == null && !handler.complete)
                parser.parseNext(buffer);
            if (handler.failure != null)
            {
                Throwable cause = ((Throwable)handler.failure).getCause();
                String reason = handler.failure.getReason() + (cause == null ? "" : ": " + cause.getMessage());
                verdicts.add(Verdict.rejected(handler.failure.getCode(), handler.headerComplete, reason));
                break;
            }
            if (!handler.complete)
            {
                // only CR and LF read since the last message: none started
                if (parser.getState() != HttpParser.State.START)
                    verdicts.add(Verdict.incomplete(handler.headerComplete));
                break;
            }
            // messageComplete returns true: parseNext returns at once, just after the message; called again, it
            // eats the CR and LF bytes that follow, as it does within the same call on HttpConnection
            int end = buffer.position();
            parser.parseNext(buffer);
            boolean persistent = handler.persistent();
            verdicts.add(Verdict.accepted(end, persistent));
            if (!persistent)
                break;
            parser.reset();
        }
        return verdicts;
    }

    private final class Handler implements HttpParser.RequestHandler
    {
        private String method;
        private String target;
        private HttpURI uri;
        private HttpVersion version;
        private HostPortHttpField host;
        private boolean close;
        private boolean keepAlive;
        private boolean unknownExpectation;
        private boolean headerComplete;
        private boolean complete;
        private HttpException failure;

        void begin()
        {
            method = null;
            target = null;
            uri = null;
            version = null;
            host = null;
            close = false;
            keepAlive = false;
            unknownExpectation = false;
            headerComplete = false;
            complete = false;
            failure = null;
        }

        @Override
        public void startRequest(String method, String target, HttpVersion version)
        {
            this.method = method;
            this.version = version;
            this.target = target;
        }

        @Override
        public void parsedHeader(HttpField field)
        {
            HttpHeader header = field.getHeader();
            if (header == HttpHeader.CONNECTION)
            {
                close |= field.contains(HttpHeaderValue.CLOSE.asString());
                keepAlive |= field.contains(HttpHeader.KEEP_ALIVE.asString());
            }
            else if (header == HttpHeader.HOST)
            {
                // as HttpStreamOverHTTP1.parsedHeader does; an exception here is the parser's 400
                host = field instanceof HostPortHttpField hostPort ? hostPort : new HostPortHttpField(field.getValue() == null ? "" : field.getValue());
            }
            else if (header == HttpHeader.EXPECT)
            {
                if (!HttpHeaderValue.parseCsvIndex(field.getValue(), t -> t == HttpHeaderValue.CONTINUE, s -> false))
                    unknownExpectation = true;
            }
        }

        @Override
        public boolean headerComplete()
        {
            String refused = refusedAfterHead();
            if (refused != null)
            {
                int status = switch (refused)
                {
                    case "Expectation Failed" -> HttpStatus.EXPECTATION_FAILED_417;
                    case "Upgrade Required" -> HttpStatus.UPGRADE_REQUIRED_426;
                    default -> HttpStatus.BAD_REQUEST_400;
                };
                failure = new HttpException.RuntimeException(status, AFTER_HEAD + refused);
                return true;
            }
            headerComplete = true;
            return false;
        }

        /** The refusals of HttpStreamOverHTTP1 (its constructor, then headerComplete) and HttpChannelState's handling, in their order. */
        private String refusedAfterHead()
        {
            try
            {
                uri = HttpURI.build(method, target);
            }
            catch (IllegalArgumentException x)
            {
                return "Bad URI: " + x.getMessage();
            }
            if (host != null)
            {
                if (uri.isAbsolute())
                {
                    if (!host.getValue().equals(uri.getAuthority()) && !configuration.getHttpCompliance().allows(HttpCompliance.Violation.MISMATCHED_AUTHORITY))
                        return "Authority!=Host";
                }
                else if (host.getHostPort().getHost() == null || host.getHostPort().getHost().isBlank())
                {
                    return "Blank Host";
                }
            }
            if (version == HttpVersion.HTTP_1_1 && unknownExpectation)
                return "Expectation Failed";
            if (version == HttpVersion.HTTP_2)
                return "Upgrade Required";
            String path = uri.getPath() == null || uri.getPath().isEmpty() && uri.isAbsolute() ? "/" : uri.getPath();
            if (!path.startsWith("/") && !HttpMethod.PRI.is(method) && !HttpMethod.CONNECT.is(method) && !HttpMethod.OPTIONS.is(method))
                return "Bad URI path";
            if (uri.hasViolations())
                return UriCompliance.checkUriCompliance(configuration.getUriCompliance(), uri, ComplianceViolation.Listener.NOOP);
            return null;
        }

        /** HttpStreamOverHTTP1.headerComplete's rule. */
        boolean persistent()
        {
            boolean connect = HttpMethod.CONNECT.is(method);
            if (version == HttpVersion.HTTP_1_0)
                return keepAlive && !close || connect;
            return !close || connect;
        }

        /** Stops parseNext just after the message, where the buffer's position is its end. */
        @Override
        public boolean messageComplete()
        {
            complete = true;
            return true;
        }

        @Override
        public void badMessage(HttpException failure)
        {
            this.failure = failure;
        }

        /** A malformed body: the parser reports it as an early EOF once the head is complete (HttpParser.badMessage). */
        @Override
        public void earlyEOF()
        {
            failure = new HttpException.RuntimeException(HttpStatus.BAD_REQUEST_400, "Early EOF");
        }

        // The body's bytes do not matter here, only where the message ends.

        @Override
        public boolean content(ByteBuffer item)
        {
            return false;
        }

        @Override
        public boolean contentComplete()
        {
            return false;
        }
    }
}
