package io.lyger.tck.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Server side: answers who the request is, {@code user=<remote user> principal=<name> auth=<auth type>
 * admin=<isUserInRole("admin")> user-role=<isUserInRole("user")> method=<method>} (mapped by each test's descriptor);
 * test side, {@link #basic} builds an Authorization header. The users are those of arquillian.xml (realm
 * {@code tck-realm}): alice/secret (admin, user), bob/pw (user), carol/pw3 (no role), dave/pw4 (manager).
 */
public class Who extends HttpServlet
{
    /** The realm of arquillian.xml's login service. */
    public static final String REALM = "tck-realm";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException
    {
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print(describe(request) + " method=" + request.getMethod());
    }

    /** @return {@code user=... principal=... auth=... admin=... user-role=...} for {@code request}. */
    public static String describe(HttpServletRequest request)
    {
        Principal principal = request.getUserPrincipal();
        return "user=" + request.getRemoteUser() + " principal=" + (principal == null ? null : principal.getName())
            + " auth=" + request.getAuthType() + " admin=" + request.isUserInRole("admin") + " user-role=" + request.isUserInRole("user");
    }

    /** Test side: the value of an {@code Authorization: Basic} header. */
    public static String basic(String user, String password)
    {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
