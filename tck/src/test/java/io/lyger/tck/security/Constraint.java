package io.lyger.tck.security;

/**
 * Test side: the {@code <security-constraint>} and {@code <login-config>} elements of the security tests' descriptors.
 * <pre>{@code
 * Constraint.of("/admin/*").roles("admin").xml()        // auth-constraint with role admin
 * Constraint.of("/closed/*").roles().xml()              // empty auth-constraint: nobody
 * Constraint.of("/get/*").methods("GET").roles("user")  // only GET constrained
 * }</pre>
 */
final class Constraint
{
    private final String[] patterns;
    private String[] methods = {};
    private String[] omissions = {};
    private String[] roles;
    private String transport;

    private Constraint(String... patterns)
    {
        this.patterns = patterns;
    }

    static Constraint of(String... patterns)
    {
        return new Constraint(patterns);
    }

    /** Only these methods are constrained. */
    Constraint methods(String... methods)
    {
        this.methods = methods;
        return this;
    }

    /** Every method but these is constrained. */
    Constraint omissions(String... omissions)
    {
        this.omissions = omissions;
        return this;
    }

    /** An auth-constraint with these roles ({@code "**"}: any authenticated user; none: nobody). */
    Constraint roles(String... roles)
    {
        this.roles = roles;
        return this;
    }

    /** A user-data-constraint: {@code NONE}, {@code INTEGRAL} or {@code CONFIDENTIAL}. */
    Constraint transport(String guarantee)
    {
        this.transport = guarantee;
        return this;
    }

    String xml()
    {
        StringBuilder xml = new StringBuilder("<security-constraint><web-resource-collection><web-resource-name>r</web-resource-name>");
        for (String pattern : patterns)
            xml.append("<url-pattern>").append(pattern).append("</url-pattern>");
        for (String method : methods)
            xml.append("<http-method>").append(method).append("</http-method>");
        for (String omission : omissions)
            xml.append("<http-method-omission>").append(omission).append("</http-method-omission>");
        xml.append("</web-resource-collection>");
        if (roles != null)
        {
            xml.append("<auth-constraint>");
            for (String role : roles)
                xml.append("<role-name>").append(role).append("</role-name>");
            xml.append("</auth-constraint>");
        }
        if (transport != null)
            xml.append("<user-data-constraint><transport-guarantee>").append(transport).append("</transport-guarantee></user-data-constraint>");
        return xml.append("</security-constraint>").toString();
    }

    /** The login-config for BASIC in the realm of arquillian.xml, and the roles the tests use. */
    static String basicLogin()
    {
        return "<login-config><auth-method>BASIC</auth-method><realm-name>" + Who.REALM + "</realm-name></login-config>" + declaredRoles();
    }

    /** The security-role declarations of the roles the tests use. */
    static String declaredRoles()
    {
        return "<security-role><role-name>admin</role-name></security-role><security-role><role-name>user</role-name></security-role>"
            + "<security-role><role-name>manager</role-name></security-role>";
    }
}
