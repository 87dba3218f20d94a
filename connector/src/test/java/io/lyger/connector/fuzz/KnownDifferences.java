package io.lyger.connector.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;


/**
 * The disagreements between the engine and Jetty's parser that are known, each with its reason and the RFC clause that
 * allows the engine's answer. A disagreement is matched on the first message the two see differently; one that no
 * entry matches fails the differential fuzzing, so a new kind of disagreement is never hidden by these.
 */
final class KnownDifferences
{
    /**
     * @param id a short name, counted in the run's summary
     * @param reason why the engine answers differently, and the clause that allows it
     * @param matches whether a disagreement is of this kind
     */
    record Known(String id, String reason, Predicate<Disagreement> matches)
    {
    }

    /** The first message the engine and Jetty see differently. */
    record Disagreement(byte[] input, int index, int start, Verdict engine, Verdict jetty, EngineParse engineParse, JettyParse jettyParse)
    {
        /** The engine refuses the head, Jetty does not (it takes the message, or waits for more of it). */
        boolean engineRejectsHeadJettyDoesNot()
        {
            return engine != null && engine.kind() == Verdict.Kind.REJECTED && !engine.inBody() && jetty != null &&
                jetty.kind() != Verdict.Kind.REJECTED;
        }

        /** The message's head: from its first byte that is not CR or LF to the first empty line (or the input's end). */
        String head()
        {
            int from = start + leadingLineEnds().length();
            return new String(input, from, headEnd() - from, StandardCharsets.ISO_8859_1);
        }

        /** Where the message's head ends: after its empty line (CRLF or LF alone), or the input's end. */
        int headEnd()
        {
            for (int i = start + leadingLineEnds().length(); i < input.length; i++)
            {
                if (input[i] != '\n')
                    continue;
                if (i + 1 < input.length && input[i + 1] == '\n')
                    return i + 2;
                if (i + 2 < input.length && input[i + 1] == '\r' && input[i + 2] == '\n')
                    return i + 3;
            }
            return input.length;
        }

        /** The words of the request line, split at single spaces. */
        String[] requestLine()
        {
            String h = head();
            int eol = h.indexOf('\n');
            return (eol < 0 ? h : h.substring(0, eol)).replace("\r", "").split(" ", -1);
        }

        boolean jettyRejects(String reasonPrefix)
        {
            return jetty != null && jetty.kind() == Verdict.Kind.REJECTED && jetty.reason() != null && jetty.reason().startsWith(reasonPrefix);
        }

        /** The engine accepted the head: the message, or its head and then waits for the body. */
        boolean engineTookTheHead()
        {
            return engineAccepts() || engine != null && engine.kind() == Verdict.Kind.INCOMPLETE && engine.inBody();
        }

        boolean engineAccepts()
        {
            return engine != null && engine.kind() == Verdict.Kind.ACCEPTED;
        }

        /** One side refuses the head, the other waits for more of it, and refuses it too once an empty line completes it. */
        boolean refusedAtDifferentBytes()
        {
            byte[] completed = Arrays.copyOf(input, input.length + 4);
            System.arraycopy(new byte[]{'\r', '\n', '\r', '\n'}, 0, completed, input.length, 4);
            // Jetty skips some bytes before a request line (':' among them) and has not started a message
            if (engine != null && engine.kind() == Verdict.Kind.INCOMPLETE && !engine.inBody() && jetty == null)
                return rejects(engineParse.parse(completed)) && rejects(jettyParse.parse(completed));
            if (engine == null || jetty == null || engine.inBody() || jetty.inBody())
                return false;
            if (engine.kind() == Verdict.Kind.INCOMPLETE && jetty.kind() == Verdict.Kind.REJECTED)
                return rejects(engineParse.parse(completed));
            if (engine.kind() == Verdict.Kind.REJECTED && jetty.kind() == Verdict.Kind.INCOMPLETE)
                return rejects(jettyParse.parse(completed));
            return false;
        }

        private boolean rejects(List<Verdict> verdicts)
        {
            return verdicts.size() > index && verdicts.get(index).kind() == Verdict.Kind.REJECTED;
        }

        /** Both accept the message, ending at the same byte, and differ on whether the connection goes on. */
        boolean keepAliveOnly()
        {
            return engineAccepts() && jetty != null && jetty.kind() == Verdict.Kind.ACCEPTED && engine.end() == jetty.end();
        }

        /** The bytes of the message after its head, up to Jetty's end of it (or the input's). */
        String bodyAsJettyReadIt()
        {
            int headEnd = headEnd();
            int end = jetty != null && jetty.kind() == Verdict.Kind.ACCEPTED ? jetty.end() : input.length;
            return end < headEnd ? "" : new String(input, headEnd, end - headEnd, StandardCharsets.ISO_8859_1);
        }

        /** The elements of the head's Transfer-Encoding values, split at commas, trimmed, the empty ones left out. */
        List<String> transferCodings()
        {
            return head().lines()
                .filter(line -> line.regionMatches(true, 0, "transfer-encoding:", 0, 18))
                .flatMap(line -> Arrays.stream(line.substring(18).split(",")))
                .map(String::strip)
                .filter(c -> !c.isEmpty())
                .toList();
        }

        /** The CR and LF bytes before the message's request line. */
        String leadingLineEnds()
        {
            int i = start;
            while (i < input.length && (input[i] == '\r' || input[i] == '\n'))
                i++;
            return new String(input, start, i - start, StandardCharsets.ISO_8859_1);
        }
    }

    static final List<Known> LIST = List.of(
        new Known("refused-at-different-bytes",
            "a malformed request line or field line: one parser refuses it at its first bad byte, the other (httparse in the " +
            "engine, for a whole line) once the line is whole; both refuse the message (checked: the one waiting refuses it " +
            "once an empty line completes the head). RFC 9112 §2.2 does not say when a malformed line is refused",
            Disagreement::refusedAtDifferentBytes),
        new Known("refused-after-the-head-in-java",
            "refusals Jetty makes after its parser, in Java code the native connector runs too: a target HttpURI refuses, " +
            "an absolute-form authority other than Host (RFC 9112 §3.2.2 would have Host ignored), an unknown expectation " +
            "(417, RFC 9110 §10.1.1) in NativeHttpStream as in HttpStreamOverHTTP1; a path not starting with '/' and URI " +
            "compliance violations in HttpChannelState, which serves both connectors. Both answer them the same way",
            d -> d.engineTookTheHead() && d.jettyRejects(JettyParse.AFTER_HEAD)),
        new Known("http-name-is-case-sensitive",
            "a version such as http/1.1 or HTtP/1.0: Jetty's parser reads the name whatever its case, the engine refuses it: " +
            "RFC 9112 §2.3, HTTP-name = %s\"HTTP\", case-sensitive",
            d -> d.engineRejectsHeadJettyDoesNot() && d.requestLine().length == 3 &&
                d.requestLine()[2].regionMatches(true, 0, "HTTP/", 0, 5) && !d.requestLine()[2].startsWith("HTTP/")),
        new Known("target-bytes-outside-uri-characters",
            "a request target with bytes that are no URI characters (< > { } | ^ ` \\ \", DEL, 0x80-0xFF): Jetty's parser takes " +
            "them, the engine refuses them: " +
            "RFC 9112 §3.2 and RFC 3986 §2, a target is made of ASCII URI characters (others percent-encoded)",
            d -> d.engineRejectsHeadJettyDoesNot() && d.requestLine().length == 3 && d.requestLine()[1].chars().anyMatch(c -> !isUriChar(c))),
        new Known("method-is-a-token",
            "a method with a character that is not a tchar (such as '/'): Jetty's parser takes it, the engine refuses it: " +
            "RFC 9110 §9.1, method = token (RFC 9110 §5.6.2)",
            d -> d.engineRejectsHeadJettyDoesNot() && !d.requestLine()[0].chars().allMatch(KnownDifferences::isTchar)),
        new Known("content-length-list-of-one-value",
            "Content-Length given as a list of identical values (5, 5) or repeated with the same value: the engine takes the " +
            "one value, Jetty refuses; RFC 9110 §8.6 allows either (a recipient MAY reject it or replace it with the one value)",
            d -> d.engine() != null && d.engine().kind() != Verdict.Kind.REJECTED && (d.jettyRejects("Invalid Content-Length Value") || d.jettyRejects("Multiple Content-Lengths")) &&
                d.head().toLowerCase(java.util.Locale.ROOT).matches("(?s).*content-length:[^\r\n]*,.*|(?s).*content-length:.*content-length:.*")),
        new Known("target-form-whatever-the-method",
            "a target in none of the four forms (plaintext), or in asterisk-form with another method than OPTIONS (PRI * " +
            "HTTP/1.1): Jetty lets OPTIONS, PRI and CONNECT have a path not starting with '/' (HttpChannelState), the engine " +
            "refuses; RFC 9112 §3.2 (origin-, absolute-, authority-form for CONNECT, asterisk-form for OPTIONS only, §3.2.4)",
            d -> d.engineRejectsHeadJettyDoesNot() && d.requestLine().length == 3 && !d.requestLine()[1].startsWith("/") &&
                List.of("OPTIONS", "PRI", "CONNECT").contains(d.requestLine()[0])),
        new Known("transfer-encoding-in-http-1.0",
            "Transfer-Encoding in an HTTP/1.0 request: Jetty's parser reads the chunked body, the engine refuses the request; " +
            "RFC 9112 §6.1, such a message MUST be treated as having faulty framing (and the connection closed)",
            d -> d.engine() != null && d.engine().kind() == Verdict.Kind.REJECTED && !d.engine().inBody() &&
                d.jetty() != null && d.jetty().kind() != Verdict.Kind.REJECTED && d.requestLine().length == 3 &&
                d.requestLine()[2].equals("HTTP/1.0") && d.head().toLowerCase(java.util.Locale.ROOT).contains("\ntransfer-encoding:")),
        new Known("request-line-single-spaces",
            "a request line with two spaces between its words: Jetty's parser takes it, the engine refuses it; RFC 9112 §3, " +
            "the grammar asks for single SPs (parsing on whitespace boundaries is a MAY)",
            d -> d.engineRejectsHeadJettyDoesNot() && d.requestLine().length > 3 && Arrays.asList(d.requestLine()).contains("")),
        new Known("host-ipv6-zone",
            "a Host IPv6 literal with a raw zone (RFC 4007's %: [::%1]): Jetty's HostPort takes it, the engine refuses it; " +
            "RFC 3986 §3.2.2 has no zone in an IP-literal (RFC 6874 writes one %25)",
            d -> d.engineRejectsHeadJettyDoesNot() && d.head().toLowerCase(java.util.Locale.ROOT).matches("(?s).*\nhost:[ \t]*\\[[^\n]*%.*")),
        new Known("bare-cr-between-messages",
            "a bare CR among the line ends after a message: Jetty's parser eats any CR and LF after a message, the engine " +
            "refuses a bare CR as it does before the first request line; RFC 9112 §2.2 (a bare CR is invalid; empty lines, " +
            "CRLF, may be ignored before a request line)",
            d -> d.index() > 0 && d.engine() != null && d.engine().kind() == Verdict.Kind.REJECTED && !d.engine().inBody() &&
                (d.jetty() == null || d.jetty().kind() != Verdict.Kind.REJECTED) && d.leadingLineEnds().matches("(?s).*\r([^\n].*)?")),
        new Known("bare-lf-in-chunk-framing",
            "a chunk size line or trailer line ending in LF alone: Jetty's parser takes it, the engine refuses the body (400); " +
            "RFC 9112 §2.2 lets a recipient recognize a bare LF as a line terminator (MAY), and refusing leaves no framing ambiguity",
            d -> d.engine() != null && d.engine().kind() == Verdict.Kind.REJECTED && d.engine().inBody() &&
                d.jetty() != null && d.jetty().kind() != Verdict.Kind.REJECTED && d.bodyAsJettyReadIt().matches("(?s).*[^\r]\n.*|\n.*")),
        new Known("connection-option-is-a-token",
            "a Connection value with other characters than tokens and commas (\"keep-alive, keep-alive;): Jetty finds the " +
            "keep-alive option in it, the engine does not, and closes after the response; RFC 9110 §7.6.1, connection-option = token",
            d -> d.keepAliveOnly() && d.head().toLowerCase(java.util.Locale.ROOT).matches("(?s).*connection:[^\n]*[^\n\r\t ,!#$%&'*+.^_`|~0-9a-z-].*")),
        new Known("transfer-coding-is-a-token",
            "a Transfer-Encoding element that is no token (with its parameters): Jetty's QuotedCSV takes any text between " +
            "commas (ET /status p, chunked), the engine refuses the request; RFC 9110 §10.1.4, transfer-coding = token " +
            "*( OWS \";\" OWS transfer-parameter )",
            d -> d.engineRejectsHeadJettyDoesNot() && d.transferCodings().stream().anyMatch(c -> !c.chars().allMatch(KnownDifferences::isTchar))),
        new Known("connect-keeps-the-connection",
            "CONNECT with Connection: close or in HTTP/1.0: Jetty keeps the connection for a tunnel whatever the request says, " +
            "the engine (which makes no tunnels: the application answers CONNECT) honours the close; RFC 9112 §9.6",
            d -> d.keepAliveOnly() && d.requestLine()[0].equals("CONNECT")),
        new Known("empty-transfer-encoding-elements",
            "an empty Transfer-Encoding field or empty list elements after chunked: the engine ignores them, Jetty refuses " +
            "(chunked not last); RFC 9110 §5.6.1.2, a recipient MUST parse and ignore a reasonable number of empty list elements",
            d -> d.engineTookTheHead() && d.jettyRejects("Bad Transfer-Encoding, chunked not last") &&
                d.head().toLowerCase(java.util.Locale.ROOT).matches("(?s).*\ntransfer-encoding:[ \t,]*\r?\n.*|(?s).*\ntransfer-encoding:[^\n]*chunked[ \t,]*,[ \t,]*\r?\n.*")));

    /** RFC 3986 §2: unreserved, reserved and '%'. */
    private static boolean isUriChar(int c)
    {
        return c > 0x20 && c < 0x7f && "<>\"{}|\\^`".indexOf(c) < 0;
    }

    private static boolean isTchar(int c)
    {
        return c < 0x80 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }

    private KnownDifferences()
    {
    }

    static Known match(Disagreement d)
    {
        for (Known known : LIST)
        {
            if (known.matches().test(d))
                return known;
        }
        return null;
    }
}
