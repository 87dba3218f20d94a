package io.lyger.tck.session;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.RawHttp;
import io.lyger.tck.support.SetCookie;
import io.lyger.tck.support.TextServlet;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Session attributes across requests: set, replace, remove, null, names, objects kept by reference, isolation. */
@ExtendWith(ArquillianExtension.class)
class SessionAttributesIT
{
    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "session-attributes.war")
            .addClasses(SessionProbe.class, TextServlet.class, KeyValues.class, Visits.class, Nulls.class);
    }

    @ArquillianResource
    URL base;

    /** Keeps a mutable list in the session and appends to it: the same object comes back on the next request. */
    @WebServlet("/visits")
    public static class Visits extends TextServlet
    {
        @Override
        @SuppressWarnings("unchecked")
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            HttpSession session = request.getSession();
            List<String> visits = (List<String>) session.getAttribute("visits");
            if (visits == null)
            {
                visits = new ArrayList<>();
                session.setAttribute("visits", visits);
            }
            visits.add(request.getParameter("v"));
            return String.valueOf(visits);
        }
    }

    /** setAttribute(name, null) is removeAttribute(name); getAttribute of an unknown name is null. */
    @WebServlet("/nulls")
    public static class Nulls extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response) throws IOException
        {
            HttpSession session = request.getSession();
            session.setAttribute("x", "1");
            String before = String.valueOf(session.getAttribute("x"));
            session.setAttribute("x", null);
            return new KeyValues().put("before", before).put("after", session.getAttribute("x"))
                .put("names", java.util.Collections.list(session.getAttributeNames()))
                .put("unknown", session.getAttribute("never-set")).toString();
        }
    }

    @Test
    void attributeSetInOneRequestIsThereInTheNext()
    {
        Http.Session client = Http.session();
        client.get(base, "session?set=colour:blue");
        assertEquals("{colour=blue}", KeyValues.parse(client.get(base, "session?create=false").body()).get("attributes"));
    }

    @Test
    void attributesAccumulateAcrossRequests()
    {
        Http.Session client = Http.session();
        client.get(base, "session?set=a:1");
        client.get(base, "session?set=b:2&set=c:3");
        assertEquals("{a=1, b=2, c=3}", KeyValues.parse(client.get(base, "session?create=false").body()).get("attributes"));
    }

    @Test
    void replacedAttributeHasTheNewValue()
    {
        Http.Session client = Http.session();
        client.get(base, "session?set=a:old");
        client.get(base, "session?set=a:new");
        assertEquals("{a=new}", KeyValues.parse(client.get(base, "session?create=false").body()).get("attributes"));
    }

    @Test
    void removedAttributeIsGoneInLaterRequests()
    {
        Http.Session client = Http.session();
        client.get(base, "session?set=a:1&set=b:2");
        client.get(base, "session?remove=a");
        assertEquals("{b=2}", KeyValues.parse(client.get(base, "session?create=false").body()).get("attributes"));
    }

    @Test
    void settingNullRemoves()
    {
        HttpResponse<String> response = Http.get(base, "nulls");
        assertEquals("before=1\nafter=null\nnames=[]\nunknown=null\n", response.body());
    }

    @Test
    void storedObjectIsTheSameObjectNextTime()
    {
        Http.Session client = Http.session();
        assertEquals("[one]", client.get(base, "visits?v=one").body());
        assertEquals("[one, two]", client.get(base, "visits?v=two").body());
        assertEquals("[one, two, three]", client.get(base, "visits?v=three").body());
    }

    @Test
    void clientsDoNotSeeEachOthersAttributes()
    {
        Http.Session alice = Http.session();
        Http.Session bob = Http.session();
        alice.get(base, "session?set=who:alice");
        bob.get(base, "session?set=who:bob");
        assertEquals("{who=alice}", KeyValues.parse(alice.get(base, "session?create=false").body()).get("attributes"));
        assertEquals("{who=bob}", KeyValues.parse(bob.get(base, "session?create=false").body()).get("attributes"));
    }

    /** Three requests of one session pipelined on one connection: each sees what the one before it stored. */
    @Test
    void pipelinedRequestsOfOneSessionSeeEachOthersAttributes()
    {
        HttpResponse<String> created = Http.get(base, "session?create=true");
        String cookie = "Cookie: " + SetCookie.named(created, "JSESSIONID").pair();
        try (RawHttp connection = RawHttp.open(base))
        {
            connection.send(RawHttp.get(base, "visits?v=one", cookie) + RawHttp.get(base, "visits?v=two", cookie)
                + RawHttp.get(base, "visits?v=three", cookie));
            assertEquals("[one]", connection.read().text());
            assertEquals("[one, two]", connection.read().text());
            assertEquals("[one, two, three]", connection.read().text());
        }
    }

    @Test
    void attributeValuesSurviveUtf8()
    {
        Http.Session client = Http.session();
        client.get(base, "session?set=name:" + java.net.URLEncoder.encode("Zoë ☃", java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("{name=Zoë ☃}", KeyValues.parse(client.get(base, "session?create=false").body()).get("attributes"));
    }
}
