package io.lyger.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A load of users with HTTP sessions, for the cluster tests: each worker thread is one user with its own session,
 * sending {@code POST /session} (the sample's session counter) in a loop at a fixed pace. Each answer must carry the
 * user's count plus one: a session lost or seen stale on some instance shows as a wrong count. A request that fails
 * (an error, a status other than 200) is counted with the time it failed; the user then carries on with the
 * session it had (that request may or may not have counted).
 */
final class SessionLoad implements AutoCloseable
{
    private static final Pattern ANSWER = Pattern.compile("id=(\\S+) count=(\\d+)\\s*");

    private final URI uri;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final List<User> users = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    /** One user: its session cookie, and how many of its requests counted for sure (and how many may have). */
    static final class User
    {
        volatile String cookie;
        volatile long confirmed;
        volatile long uncertain;
        volatile String wrongCount;
    }

    /**
     * @param uri the sample's {@code /session} through the load balancer
     * @param users how many users (threads)
     * @param periodMillis each user's pause between the starts of two requests
     */
    SessionLoad(URI uri, int users, long periodMillis)
    {
        this.uri = uri;
        for (int i = 0; i < users; i++)
        {
            User user = new User();
            this.users.add(user);
            Thread thread = new Thread(() -> run(user, periodMillis), "session-load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    private void run(User user, long periodMillis)
    {
        long next = System.nanoTime();
        while (running.get())
        {
            sent.incrementAndGet();
            try
            {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.noBody());
                if (user.cookie != null)
                    request.header("Cookie", user.cookie);
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                Matcher answer = ANSWER.matcher(response.body());
                if (response.statusCode() != 200 || !answer.matches())
                    throw new IllegalStateException("status " + response.statusCode() + ": " + response.body().strip());
                response.headers().firstValue("set-cookie").ifPresent(cookie -> user.cookie = cookie.split(";", 2)[0]);
                long count = Long.parseLong(answer.group(2));
                if (count < user.confirmed + 1 || count > user.confirmed + user.uncertain + 1)
                    user.wrongCount = "count " + count + " after " + user.confirmed + " confirmed and " + user.uncertain + " uncertain";
                user.confirmed = count;
                user.uncertain = 0;
            }
            catch (Exception x)
            {
                failed.incrementAndGet();
                user.uncertain++;
                failures.add(System.currentTimeMillis() + " " + x);
            }
            next += periodMillis * 1_000_000;
            long sleep = next - System.nanoTime();
            if (sleep > 0)
            {
                try
                {
                    Thread.sleep(sleep / 1_000_000);
                }
                catch (InterruptedException x)
                {
                    return;
                }
            }
            else
                next = System.nanoTime();
        }
    }

    long sent()
    {
        return sent.get();
    }

    long failed()
    {
        return failed.get();
    }

    List<String> failures()
    {
        return List.copyOf(failures);
    }

    List<User> users()
    {
        return users;
    }

    /** Stops the users and waits for their requests in flight. */
    @Override
    public void close() throws InterruptedException
    {
        running.set(false);
        for (Thread thread : threads)
            thread.join(60_000);
    }

    /**
     * @return for each user, what is wrong with its session now, read with {@code GET /session}: missing, another
     * id, or a count outside what its requests allow; empty when every session is intact
     */
    List<String> checkSessions() throws Exception
    {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < users.size(); i++)
        {
            User user = users.get(i);
            if (user.wrongCount != null)
                problems.add("user " + i + ": " + user.wrongCount);
            if (user.cookie == null)
            {
                problems.add("user " + i + ": never got a session");
                continue;
            }
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Cookie", user.cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher answer = ANSWER.matcher(response.body());
            if (response.statusCode() != 200 || !answer.matches())
            {
                problems.add("user " + i + ": session gone (" + response.statusCode() + " " + response.body().strip() + ")");
                continue;
            }
            long count = Long.parseLong(answer.group(2));
            if (count < user.confirmed || count > user.confirmed + user.uncertain)
                problems.add("user " + i + ": count " + count + ", expected " + user.confirmed + (user.uncertain > 0 ? " to " + (user.confirmed + user.uncertain) : ""));
        }
        return problems;
    }
}
