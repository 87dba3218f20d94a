package io.lyger.launcher.container;

import org.eclipse.jetty.ee11.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.LoginService;

/**
 * The security handler of every Lyger web application: Jetty's, which looks for a login service among the server's
 * beans by the WAR's realm name (or takes the only one when the realm name is null), and also gives a WAR that names
 * no realm the server's only login service.
 * <p>
 * Why: Jetty's web.xml processing names the realm of a {@code <login-config>} without {@code <realm-name>}
 * {@value #UNNAMED_REALM}, so Jetty's own "the only login service" rule never applies to a WAR, and a WAR that names
 * no realm would need a service named {@value #UNNAMED_REALM}. With {@code lyger serve --realm NAME=FILE} given once,
 * such a WAR gets that service. A service actually named {@value #UNNAMED_REALM} still takes precedence.
 */
final class OnlyLoginServiceSecurityHandler extends ConstraintSecurityHandler
{
    /** The realm name Jetty's {@code StandardDescriptorProcessor} gives a {@code <login-config>} without one. */
    static final String UNNAMED_REALM = "default";

    @Override
    protected LoginService findLoginService()
    {
        LoginService found = super.findLoginService();
        if (found != null || !UNNAMED_REALM.equals(getRealmName()))
            return found;
        // java.util's: Handler.Collection, inherited, shadows an import
        java.util.Collection<LoginService> services = getServer().getBeans(LoginService.class);
        return services.size() == 1 ? services.iterator().next() : null;
    }
}
