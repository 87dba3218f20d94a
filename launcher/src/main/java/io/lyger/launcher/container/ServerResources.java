package io.lyger.launcher.container;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.lyger.launcher.LygerStartException;
import org.eclipse.jetty.ee11.webapp.JaasConfiguration;
import org.eclipse.jetty.ee11.webapp.JndiConfiguration;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.security.LoginService;
import org.eclipse.jetty.server.Server;

/**
 * What a server offers every WAR besides the connector, configured once for the server as a Jetty base configures it
 * in {@code jetty.xml}: login services ({@code --realm}, {@code --jaas-config}, or given) and JNDI resources
 * ({@code --jndi}).
 * <p>
 * Login services are beans of the {@link Server}, where Jetty's {@code SecurityHandler} looks for one when a WAR has
 * none: the WAR's {@code <realm-name>} picks the service of that name; a WAR without one gets the server's only
 * service, if there is exactly one ({@link OnlyLoginServiceSecurityHandler}). JNDI resources are bound at server
 * scope, where Jetty's plus configuration links a WAR's {@code resource-ref}, {@code env-entry} and {@code @Resource} to them.
 */
public final class ServerResources
{
    private final List<RealmFile> realmFiles = new ArrayList<>();
    private final List<LoginService> loginServices = new ArrayList<>();
    private final List<Path> jaasConfigs = new ArrayList<>();
    private final List<Path> jndiFiles = new ArrayList<>();

    public void realm(String name, Path file)
    {
        realmFiles.add(new RealmFile(name, Objects.requireNonNull(file, "file")));
    }

    public void loginService(LoginService loginService)
    {
        loginServices.add(Objects.requireNonNull(loginService, "loginService"));
    }

    public void jaasConfig(Path file)
    {
        jaasConfigs.add(Objects.requireNonNull(file, "file"));
    }

    public void jndi(Path file)
    {
        jndiFiles.add(Objects.requireNonNull(file, "file"));
    }

    /**
     * Reads and checks every file, then adds the login services to {@code server} and binds the JNDI resources in
     * its scope (released when it stops). Called before the server starts.
     *
     * @throws LygerStartException {@link LygerStartException.Reason#BAD_CONFIGURATION} for a bad file (nothing
     * installed), {@link LygerStartException.Reason#RESOURCE_FAILED} for a pool that cannot connect
     */
    public void install(Server server)
    {
        List<LoginService> services = new ArrayList<>(loginServices);
        for (RealmFile realm : realmFiles)
            realm.check();
        List<JaasRealm.Checked> jaas = new ArrayList<>();
        for (Path file : jaasConfigs)
            jaas.add(new JaasRealm(file).check());
        List<JndiResources> jndi = new ArrayList<>();
        for (Path file : jndiFiles)
        {
            JndiResources resources = JndiResources.read(file);
            for (JndiResources.DataSourceDefinition dataSource : resources.dataSources())
                new PooledDataSource(file, dataSource).check();
            jndi.add(resources);
        }
        for (RealmFile realm : realmFiles)
            services.add(realm.newLoginService());
        for (JaasRealm.Checked checked : jaas)
            services.addAll(checked.newLoginServices());
        Set<String> names = new HashSet<>();
        for (LoginService service : services)
        {
            if (service.getName() != null && !names.add(service.getName()))
                throw new LygerStartException(LygerStartException.Reason.BAD_CONFIGURATION,
                    "two login services are named '" + service.getName() + "' (--realm, --jaas-config entries): give each realm its own name", null);
        }
        JndiBindings.bind(server, jndi);
        for (LoginService service : services)
            server.addBean(service);
    }

    /**
     * Gives {@code webApp} the configurations of Jetty's {@code ee11-plus} and {@code jaas} modules that the CDI
     * wiring does not add: the JNDI one (the webapp sees {@code org.eclipse.jetty.jndi}) and the JAAS one (a JAAS
     * login module of the server loads through the webapp's class loader, which must see Jetty's JAAS classes); and a
     * security handler that gives a WAR naming no realm the server's only login service
     * ({@link OnlyLoginServiceSecurityHandler}).
     */
    public static void configure(WebAppContext webApp)
    {
        webApp.addConfiguration(new JndiConfiguration(), new JaasConfiguration());
        webApp.setSecurityHandler(new OnlyLoginServiceSecurityHandler());
    }
}
