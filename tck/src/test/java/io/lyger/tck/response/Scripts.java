package io.lyger.tck.response;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.lyger.tck.support.RawHttp;
import io.lyger.tck.support.WebXml;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The test side of {@link Script}: archives that map it, request paths listing its steps, exchanges. */
final class Scripts
{
    private Scripts()
    {
    }

    /** @return archive {@code name} with {@link Script} at {@code /script} and the descriptor's other elements. */
    static WebArchive archive(String name, WebXml webXml)
    {
        return ShrinkWrap.create(WebArchive.class, name).addClasses(Script.class).setWebXML(webXml.servlet(Script.class, "/script").asset());
    }

    /** @return archive {@code name} with {@link Script} at {@code /script}. */
    static WebArchive archive(String name)
    {
        return archive(name, WebXml.webApp());
    }

    /** @return {@code "script?do=..."}: the steps for the servlet mapped at {@code script}, URL-encoded. */
    static String steps(String... steps)
    {
        return at("script", steps);
    }

    /** @return {@code path?do=...}: the steps for the servlet mapped at {@code path}, URL-encoded. */
    static String at(String path, String... steps)
    {
        StringBuilder query = new StringBuilder(path);
        for (int i = 0; i < steps.length; i++)
            query.append(i == 0 ? '?' : '&').append("do=").append(URLEncoder.encode(steps[i], StandardCharsets.UTF_8));
        return query.toString();
    }

    /** GETs the steps on a connection of its own. */
    static RawHttp.Response exchange(URL base, String... steps)
    {
        return RawHttp.exchange(base, RawHttp.get(base, steps(steps)));
    }

    /** GETs the steps on a connection of its own; the status must be 200. */
    static RawHttp.Response ok(URL base, String... steps)
    {
        RawHttp.Response response = exchange(base, steps);
        if (response.status() != 200)
            throw new AssertionError("status " + response.status() + ": " + response.text());
        return response;
    }
}
