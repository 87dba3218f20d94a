package io.lyger.tck.security;

import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.ServletSecurity.TransportGuarantee;
import jakarta.servlet.annotation.WebServlet;

/**
 * A {@link Who} under @ServletSecurity: transport guarantee CONFIDENTIAL. A top-level class: Jetty 12.1.7 ignores @ServletSecurity on nested
 * classes (see {@link AnnotatedSecurityIT}).
 */
@WebServlet("/confidential")
@ServletSecurity(@HttpConstraint(transportGuarantee = TransportGuarantee.CONFIDENTIAL))
public class SecuredConfidential extends Who
{
}
