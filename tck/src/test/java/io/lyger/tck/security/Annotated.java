package io.lyger.tck.security;

import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;

/** Holds a servlet class nested in another, as tests and applications often declare them (see {@link AnnotatedSecurityIT}). */
public final class Annotated
{
    private Annotated()
    {
    }

    /** Role admin by @ServletSecurity, on a nested class. */
    @WebServlet("/nested-admin-only")
    @ServletSecurity(@HttpConstraint(rolesAllowed = "admin"))
    public static class NestedAdminOnly extends Who
    {
    }
}
