package io.lyger.tck.dispatcher;

import java.util.Arrays;

import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.TextServlet;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A dispatch target: reports the request as it sees it ({@link #describe}): paths, parameters {@code a}, {@code b},
 * {@code c}, its mapping, the forward, include and error attributes, the dispatcher type. Deploy with
 * {@code KeyValues} and {@code TextServlet}; map it in web.xml or by a subclass's annotation.
 */
public class Dump extends TextServlet
{
    private static final String[] ATTRIBUTES = {
        RequestDispatcher.FORWARD_REQUEST_URI, RequestDispatcher.FORWARD_CONTEXT_PATH, RequestDispatcher.FORWARD_SERVLET_PATH,
        RequestDispatcher.FORWARD_PATH_INFO, RequestDispatcher.FORWARD_QUERY_STRING,
        RequestDispatcher.INCLUDE_REQUEST_URI, RequestDispatcher.INCLUDE_CONTEXT_PATH, RequestDispatcher.INCLUDE_SERVLET_PATH,
        RequestDispatcher.INCLUDE_PATH_INFO, RequestDispatcher.INCLUDE_QUERY_STRING,
    };

    @Override
    protected String answer(HttpServletRequest request, HttpServletResponse response)
    {
        return describe(request).toString();
    }

    /** @return the request as a dispatch target sees it. */
    public static KeyValues describe(HttpServletRequest request)
    {
        KeyValues out = new KeyValues()
            .put("type", request.getDispatcherType())
            .put("uri", request.getRequestURI())
            .put("context", request.getContextPath())
            .put("servlet", request.getServletPath())
            .put("info", request.getPathInfo())
            .put("query", request.getQueryString())
            .put("a", values(request.getParameterValues("a")))
            .put("b", values(request.getParameterValues("b")))
            .put("c", values(request.getParameterValues("c")))
            .put("mapping", mapping(request.getHttpServletMapping()))
            .put("forward.mapping", mapping((HttpServletMapping) request.getAttribute(RequestDispatcher.FORWARD_MAPPING)))
            .put("include.mapping", mapping((HttpServletMapping) request.getAttribute(RequestDispatcher.INCLUDE_MAPPING)))
            .put("attribute", request.getAttribute("set-before-dispatch"));
        for (String name : ATTRIBUTES)
            out.put(name.substring("jakarta.servlet.".length()), request.getAttribute(name));
        return out;
    }

    /** @return {@code MAPPING_TYPE pattern 'matchValue' servletName}, or null. */
    public static String mapping(HttpServletMapping mapping)
    {
        if (mapping == null)
            return null;
        return mapping.getMappingMatch() + " " + mapping.getPattern() + " '" + mapping.getMatchValue() + "' " + mapping.getServletName();
    }

    private static String values(String[] values)
    {
        return values == null ? null : Arrays.toString(values);
    }
}
