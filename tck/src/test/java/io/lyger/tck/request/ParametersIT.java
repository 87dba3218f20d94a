package io.lyger.tck.request;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Map;

import io.lyger.tck.support.Http;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.RawHttp;
import io.lyger.tck.support.RawRequests;
import io.lyger.tck.support.TextServlet;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Request parameters (Servlet 6.1 §3.1): from the query and from form bodies, merged, decoded, and when not. */
@ExtendWith(ArquillianExtension.class)
class ParametersIT
{
    static final String FORM = "application/x-www-form-urlencoded";

    @Deployment(testable = false)
    static WebArchive deployment()
    {
        return ShrinkWrap.create(WebArchive.class, "request-parameters.war")
            .addClasses(TextServlet.class, KeyValues.class, Params.class, ReadThenParams.class, MapChange.class);
    }

    @ArquillianResource
    URL base;

    /** Every parameter as {@code name=v1,v2} (a missing value shows as nothing after '='). */
    @WebServlet("/params")
    public static class Params extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            return dump(request);
        }

        static String dump(HttpServletRequest request)
        {
            KeyValues values = new KeyValues();
            for (String name : Collections.list(request.getParameterNames()))
                values.put(name, String.join(",", request.getParameterValues(name)));
            return values.toString();
        }
    }

    /** Reads the body first (its length in {@code read=}), then the parameters. */
    @WebServlet("/read-then-params")
    public static class ReadThenParams extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException
        {
            int read = request.getInputStream().readAllBytes().length;
            return "read=" + read + "\n" + Params.dump(request);
        }
    }

    /** Tries to change the parameter map. */
    @WebServlet("/map-change")
    public static class MapChange extends TextServlet
    {
        @Override
        protected String answer(HttpServletRequest request, HttpServletResponse response)
        {
            return result(() -> request.getParameterMap().put("added", new String[] {"x"})) + " "
                + result(() -> request.getParameterMap().remove("a")) + " "
                + request.getParameter("added") + " " + request.getParameter("a");
        }
    }

    private Map<String, String> params(HttpResponse<String> response)
    {
        assertEquals(200, response.statusCode(), response.body());
        return KeyValues.parse(response.body());
    }

    private Map<String, String> params(RawHttp.Response response)
    {
        assertEquals(200, response.status(), response.text());
        return KeyValues.parse(response.text());
    }

    @Test
    void queryParameters()
    {
        Map<String, String> params = params(Http.get(base, "params?a=1&b=two"));
        assertEquals("1", params.get("a"));
        assertEquals("two", params.get("b"));
    }

    @Test
    void formBodyParameters()
    {
        Map<String, String> params = params(Http.post(base, "params", FORM, "x=10&y=20"));
        assertEquals("10", params.get("x"));
        assertEquals("20", params.get("y"));
    }

    /** Query values come before body values of the same name (§3.1). */
    @Test
    void queryValuesPrecedeBodyValues()
    {
        Map<String, String> params = params(Http.post(base, "params?a=q1&a=q2", FORM, "a=b1&b=only-body"));
        assertEquals("q1,q2,b1", params.get("a"));
        assertEquals("only-body", params.get("b"));
    }

    @Test
    void repeatedNamesKeepEveryValueInOrder()
    {
        assertEquals("3,1,2", params(Http.get(base, "params?n=3&n=1&n=2")).get("n"));
    }

    @Test
    void emptyAndMissingValuesAreEmptyStrings()
    {
        Map<String, String> params = params(Http.get(base, "params?empty=&bare&x=1"));
        assertEquals("", params.get("empty"));
        assertEquals("", params.get("bare"));
        assertNull(params.get("absent"));
    }

    @Test
    void plusAndPercentEscapesAreDecoded()
    {
        Map<String, String> params = params(Http.get(base, "params?q=a+b%26c%3Dd%2B&na%20me=v"));
        assertEquals("a b&c=d+", params.get("q"));
        assertEquals("v", params.get("na me"));
    }

    @Test
    void utf8PercentEscapesInTheQueryAreDecoded()
    {
        assertEquals("caf\u00e9 \u20ac", params(Http.get(base, "params?q=caf%C3%A9%20%E2%82%AC")).get("q"));
    }

    @Test
    void formBodyEscapesAreDecodedAsUtf8ByDefault()
    {
        assertEquals("caf\u00e9 & co", params(Http.post(base, "params", FORM, "q=caf%C3%A9+%26+co")).get("q"));
    }

    /** The charset of the form's Content-Type decides how its escapes decode. */
    @Test
    void formBodyCharsetFromContentType()
    {
        assertEquals("caf\u00e9", params(RawHttp.exchange(base, RawRequests.postAs(base, "params", FORM + "; charset=ISO-8859-1", "q=caf%E9"))).get("q"));
    }

    @Test
    void parameterMapIsImmutable()
    {
        HttpResponse<String> response = Http.get(base, "map-change?a=1");
        assertEquals(200, response.statusCode());
        assertEquals("!UnsupportedOperationException !UnsupportedOperationException null 1", response.body());
    }

    /** Only application/x-www-form-urlencoded (and multipart) bodies are parameters. */
    @Test
    void otherBodiesAreNotParameters()
    {
        Map<String, String> params = params(Http.post(base, "params?q=1", "text/plain", "a=1&b=2"));
        assertEquals("1", params.get("q"));
        assertFalse(params.containsKey("a"), params.toString());
    }

    /** §3.1.1: once the servlet read the body itself, it is not made parameters. */
    @Test
    void bodyReadByTheServletIsNotParsedAgain()
    {
        Map<String, String> params = params(Http.post(base, "read-then-params?q=1", FORM, "a=1&b=2"));
        assertEquals("7", params.get("read"));
        assertEquals("1", params.get("q"));
        assertFalse(params.containsKey("a"), params.toString());
    }

    /** A chunked form body (no Content-Length) is parsed too. */
    @Test
    void chunkedFormBody()
    {
        String request = RawRequests.post(base, "params", "4\r\na=1&\r\n5\r\nb=two\r\n0\r\n\r\n",
            "Content-Type: " + FORM, "Transfer-Encoding: chunked");
        Map<String, String> params = params(RawHttp.exchange(base, request));
        assertEquals("1", params.get("a"));
        assertEquals("two", params.get("b"));
    }

    /** The spec only requires POST; Jetty parses PUT forms too (HttpConfiguration's formEncodedMethods: POST, PUT). */
    @Test
    void putFormIsParsedByJetty()
    {
        var response = Http.send(Http.request(base, "params").header("Content-Type", FORM)
            .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("p=put")).build());
        assertEquals("put", params(response).get("p"));
    }

    @Test
    void deleteFormIsNotParsed()
    {
        String request = RawRequests.request("DELETE", base, "params?q=1", "d=1", "Content-Type: " + FORM, "Content-Length: 3");
        Map<String, String> params = params(RawHttp.exchange(base, request));
        assertEquals("1", params.get("q"));
        assertFalse(params.containsKey("d"), params.toString());
    }

    /** More form keys than the context allows (Jetty's maxFormKeys, 1000 by default) is a bad request. */
    @Test
    void tooManyFormKeysIs400()
    {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < 1100; i++)
            form.append(i == 0 ? "" : "&").append('k').append(i).append("=v");
        assertEquals(400, Http.post(base, "params", FORM, form.toString()).statusCode());
    }

    /** A form larger than the context allows (Jetty's maxFormContentSize, 200000 bytes by default) is a bad request. */
    @Test
    void tooLargeFormIs400()
    {
        String form = "big=" + "x".repeat(250_000);
        assertEquals(400, Http.post(base, "params", FORM, form).statusCode());
    }
}
