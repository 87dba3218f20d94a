package io.lyger.tck.security;

import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;

/**
 * A {@link Who} under @ServletSecurity: rolesAllowed admin. A top-level class: Jetty 12.1.7 ignores @ServletSecurity on nested
 * classes (see {@link AnnotatedSecurityIT}).
 */
@WebServlet("/admin-only")
@ServletSecurity(@HttpConstraint(rolesAllowed = "admin"))
public class SecuredAdminOnly extends Who
{
}
