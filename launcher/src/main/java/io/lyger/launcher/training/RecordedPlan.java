package io.lyger.launcher.training;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.lyger.warm.WarmupPlan;
import io.lyger.warm.WarmupRequest;
import io.lyger.warm.WarmupSource;
import org.eclipse.jetty.ee11.webapp.WebAppContext;

/**
 * The warm-up plan a training run recorded ({@code plan.properties} of a {@link TrainingProfile}), and the rules that
 * keep a request a client sent out of it:
 * <ul>
 * <li>only a GET or HEAD whose path (without its query) is one the web application's own warm-up plan already replays
 * with that method ({@link WarmupPlan}: what {@code WEB-INF/lyger-warmup.properties} declares, and the requests that
 * reach no application code): the safe-warm-up rules decide what may be replayed, the recording only learns which of
 * those requests the clients really send, with which queries and how often;</li>
 * <li>no body, no header but {@code Accept}: no cookie, no {@code Authorization}, no credential of any kind;</li>
 * <li>no query parameter whose name says it holds a secret ({@link #SECRET}), no path parameter ({@code ;jsessionid=}),
 * no user info.</li>
 * </ul>
 * Each line is {@code request.N=METHOD /path?query} (context path included), {@code request.N.weight} (how often the
 * clients sent it, scaled to 1-{@value #MAX_WEIGHT}) and {@code request.N.header.Accept}.
 */
public final class RecordedPlan implements WarmupSource
{
    static final int MAX_WEIGHT = 10;
    /** Query parameter names that hold secrets (matched as a part of the name, case-insensitively). */
    static final Pattern SECRET = Pattern.compile(
        "(?i).*(pass|pwd|secret|token|key|auth|session|sid|sig|credential|cookie|code|otp|nonce|jwt|bearer|ticket|csrf|xsrf).*");
    private static final Set<String> KEPT_HEADERS = Set.of("accept");

    private final List<Entry> entries;

    /** One recorded request and in which web application (by context path) it was served. */
    record Entry(String contextPath, WarmupRequest request)
    {
    }

    RecordedPlan(List<Entry> entries)
    {
        this.entries = List.copyOf(entries);
    }

    List<Entry> entries()
    {
        return entries;
    }

    /** @return the recorded requests served by {@code webApp} (this source's contract: paths with the context path) */
    @Override
    public List<WarmupRequest> requests(WebAppContext webApp) throws IOException
    {
        List<WarmupRequest> requests = new ArrayList<>();
        for (Entry entry : entries)
        {
            WarmupRequest recorded = entry.request();
            if (!entry.contextPath().equals(webApp.getContextPath()))
                continue;
            // the rules again, against the WAR as it is now: a request it no longer declares is not replayed
            WarmupRequest admitted = admit(webApp, recorded.method(), recorded.pathAndQuery(), recorded.headers().get("Accept"));
            if (admitted != null)
                requests.add(new WarmupRequest(admitted.method(), admitted.pathAndQuery(), "", null, admitted.headers(), recorded.weight()));
        }
        return requests;
    }

    /**
     * @param pathAndQuery as the client sent it (context path included), before any decoding
     * @return the request as it may be stored, or null when the rules keep it out
     */
    static WarmupRequest admit(WebAppContext webApp, String method, String pathAndQuery, String accept) throws IOException
    {
        if (!method.equals("GET") && !method.equals("HEAD"))
            return null;
        String scrubbed = scrub(pathAndQuery);
        if (scrubbed == null)
            return null;
        String path = pathOf(scrubbed);
        boolean declared = false;
        for (WarmupRequest allowed : WarmupPlan.of(webApp, List.of()))
        {
            if (allowed.method().equals(method) && pathOf(allowed.pathAndQuery()).equals(path))
            {
                declared = true;
                break;
            }
        }
        if (!declared)
            return null;
        Map<String, String> headers = new LinkedHashMap<>();
        if (accept != null && !accept.isBlank() && accept.length() <= 256 && accept.chars().allMatch(c -> c >= ' ' && c < 0x7f))
            headers.put("Accept", accept);
        return new WarmupRequest(method, scrubbed, "", null, headers, 1);
    }

    /**
     * @return the path and query without path parameters and without the query parameters whose names say they hold
     * secrets; null when it is not a plain origin-form target
     */
    static String scrub(String pathAndQuery)
    {
        if (pathAndQuery == null || !pathAndQuery.startsWith("/") || pathAndQuery.startsWith("//") || pathAndQuery.length() > 2048
            || pathAndQuery.chars().anyMatch(c -> c <= ' ' || c >= 0x7f) || pathAndQuery.contains("#"))
            return null;
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        if (path.contains(";"))
            path = path.replaceAll(";[^/]*", "");
        if (question < 0)
            return path;
        StringBuilder query = new StringBuilder();
        for (String parameter : pathAndQuery.substring(question + 1).split("&"))
        {
            if (parameter.isEmpty())
                continue;
            int equals = parameter.indexOf('=');
            String name = java.net.URLDecoder.decode(equals < 0 ? parameter : parameter.substring(0, equals), StandardCharsets.UTF_8);
            if (SECRET.matcher(name).matches())
                continue;
            query.append(query.length() == 0 ? "" : "&").append(parameter);
        }
        return query.length() == 0 ? path : path + "?" + query;
    }

    private static String pathOf(String pathAndQuery)
    {
        int question = pathAndQuery.indexOf('?');
        return question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
    }

    /** Writes the plan, the most frequent requests first, with weights scaled to 1-{@value #MAX_WEIGHT}. */
    static void write(Path file, Map<Entry, Integer> counts) throws IOException
    {
        int most = counts.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        List<Map.Entry<Entry, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
        Properties plan = new Properties();
        int n = 0;
        for (Map.Entry<Entry, Integer> counted : sorted)
        {
            n++;
            WarmupRequest request = counted.getKey().request();
            plan.setProperty("request." + n, request.method() + " " + request.pathAndQuery());
            plan.setProperty("request." + n + ".context", counted.getKey().contextPath());
            plan.setProperty("request." + n + ".weight", Integer.toString(Math.max(1, Math.round(counted.getValue() * (float) MAX_WEIGHT / most))));
            plan.setProperty("request." + n + ".count", Integer.toString(counted.getValue()));
            for (Map.Entry<String, String> header : request.headers().entrySet())
                plan.setProperty("request." + n + ".header." + header.getKey(), header.getValue());
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            plan.store(out, "Requests clients sent during 'lyger train --record' that the safe-warm-up rules allow replaying "
                + "(no bodies, cookies, credentials or secret query parameters)");
        }
    }

    /**
     * Reads a plan back, applying the same rules again (a hand-edited file gains nothing they refuse).
     *
     * @throws IOException when unreadable; IllegalArgumentException (naming the file) when malformed
     */
    static RecordedPlan read(Path file) throws IOException
    {
        if (!Files.exists(file))
            return new RecordedPlan(List.of());
        Properties plan = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            plan.load(in);
        }
        Map<Integer, Entry> entries = new TreeMap<>();
        for (String key : plan.stringPropertyNames())
        {
            if (!key.matches("request\\.\\d+"))
                continue;
            String value = plan.getProperty(key);
            int space = value.indexOf(' ');
            String method = space < 0 ? "" : value.substring(0, space).toUpperCase(Locale.ROOT);
            String target = space < 0 ? null : scrub(value.substring(space + 1).trim());
            if (!(method.equals("GET") || method.equals("HEAD")) || target == null)
                throw new IllegalArgumentException(file + ": " + key + ": not a recorded GET or HEAD: '" + value + "'");
            int weight;
            try
            {
                weight = Math.min(MAX_WEIGHT, Math.max(1, Integer.parseInt(plan.getProperty(key + ".weight", "1").trim())));
            }
            catch (NumberFormatException x)
            {
                throw new IllegalArgumentException(file + ": " + key + ".weight: not a number");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : plan.stringPropertyNames())
            {
                if (name.startsWith(key + ".header.") && KEPT_HEADERS.contains(name.substring((key + ".header.").length()).toLowerCase(Locale.ROOT)))
                    headers.put("Accept", plan.getProperty(name));
            }
            String context = plan.getProperty(key + ".context", "/");
            entries.put(Integer.parseInt(key.substring("request.".length())),
                new Entry(context, new WarmupRequest(method, target, "", null, headers, weight)));
        }
        return new RecordedPlan(new ArrayList<>(entries.values()));
    }
}
