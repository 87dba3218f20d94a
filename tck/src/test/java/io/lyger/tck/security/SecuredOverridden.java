package io.lyger.tck.security;

import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.ServletSecurity.EmptyRoleSemantic;
import jakarta.servlet.annotation.WebServlet;

/**
 * A {@link Who} under @ServletSecurity: EmptyRoleSemantic.DENY, overridden by web.xml. A top-level class: Jetty 12.1.7 ignores @ServletSecurity on nested
 * classes (see {@link AnnotatedSecurityIT}).
 */
@WebServlet("/overridden")
@ServletSecurity(@HttpConstraint(EmptyRoleSemantic.DENY))
public class SecuredOverridden extends Who
{
}
