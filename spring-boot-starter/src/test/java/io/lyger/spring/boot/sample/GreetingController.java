package io.lyger.spring.boot.sample;

import java.util.concurrent.CountDownLatch;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class GreetingController
{
    /** Counted down once /slow is being handled (the test's request is in the application, not in a queue). */
    public static final CountDownLatch SLOW_STARTED = new CountDownLatch(1);

    @GetMapping("/hello")
    public String hello()
    {
        return "Hello from Spring";
    }

    /** 4 KiB of text: large enough for server.compression (Jetty compresses no body under its minimum, 32 bytes). */
    @GetMapping("/text")
    public String text()
    {
        return "Hello from Spring\n".repeat(4096 / 18 + 1);
    }

    /** Holds the request for ms milliseconds: a request in flight during a graceful shutdown. */
    @GetMapping("/slow")
    public String slow(@RequestParam("ms") long ms) throws InterruptedException
    {
        SLOW_STARTED.countDown();
        Thread.sleep(ms);
        return "slow done";
    }

    /** The scheme and client address as the application sees them (forwarded headers applied). */
    @GetMapping("/whoami")
    public String whoami(HttpServletRequest request)
    {
        return request.getScheme() + " " + request.getRemoteAddr();
    }

    @PostMapping("/length")
    public String length(@RequestBody byte[] body)
    {
        return Integer.toString(body.length);
    }
}
