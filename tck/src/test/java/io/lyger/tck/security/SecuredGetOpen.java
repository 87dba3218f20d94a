package io.lyger.tck.security;

import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.HttpMethodConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;

/**
 * A {@link Who} under @ServletSecurity: role admin except for GET. A top-level class: Jetty 12.1.7 ignores @ServletSecurity on nested
 * classes (see {@link AnnotatedSecurityIT}).
 */
@WebServlet("/get-open")
@ServletSecurity(value = @HttpConstraint(rolesAllowed = "admin"), httpMethodConstraints = @HttpMethodConstraint("GET"))
public class SecuredGetOpen extends Who
{
}
