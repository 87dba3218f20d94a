package io.lyger.tck.request;

import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.lyger.tck.support.KeyValues;
import io.lyger.tck.support.TextServlet;

/** What a request says about itself (URI parts, mapping, protocol, addresses, body metadata) as key=value lines. */
public class RequestDump extends TextServlet
{
    @Override
    protected String answer(HttpServletRequest request, HttpServletResponse response)
    {
        HttpServletMapping mapping = request.getHttpServletMapping();
        return new KeyValues()
            .put("method", request.getMethod())
            .put("requestURI", request.getRequestURI())
            .put("requestURL", request.getRequestURL())
            .put("contextPath", request.getContextPath())
            .put("servletPath", request.getServletPath())
            .put("pathInfo", request.getPathInfo())
            .put("queryString", request.getQueryString())
            .put("mapping.matchValue", mapping.getMatchValue())
            .put("mapping.pattern", mapping.getPattern())
            .put("mapping.mappingMatch", mapping.getMappingMatch())
            .put("protocol", request.getProtocol())
            .put("scheme", request.getScheme())
            .put("secure", request.isSecure())
            .put("serverName", request.getServerName())
            .put("serverPort", request.getServerPort())
            .put("localAddr", request.getLocalAddr())
            .put("localPort", request.getLocalPort())
            .put("remoteAddr", request.getRemoteAddr())
            .put("remotePort", request.getRemotePort())
            .put("contentType", request.getContentType())
            .put("contentLength", request.getContentLength())
            .put("contentLengthLong", request.getContentLengthLong())
            .put("characterEncoding", request.getCharacterEncoding())
            .toString();
    }
}
