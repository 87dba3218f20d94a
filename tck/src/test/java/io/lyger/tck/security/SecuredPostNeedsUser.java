package io.lyger.tck.security;

import jakarta.servlet.annotation.HttpMethodConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;

/**
 * A {@link Who} under @ServletSecurity: a POST constraint for role user. A top-level class: Jetty 12.1.7 ignores @ServletSecurity on nested
 * classes (see {@link AnnotatedSecurityIT}).
 */
@WebServlet("/post-needs-user")
@ServletSecurity(httpMethodConstraints = @HttpMethodConstraint(value = "POST", rolesAllowed = "user"))
public class SecuredPostNeedsUser extends Who
{
}
