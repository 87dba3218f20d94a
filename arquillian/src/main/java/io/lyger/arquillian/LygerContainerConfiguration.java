package io.lyger.arquillian;

import java.util.List;
import java.util.Locale;

import io.lyger.launcher.ConnectorKind;
import io.lyger.warm.WarmOptions;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * The {@code <configuration>} of a Lyger container in {@code arquillian.xml}; each property is set by name:
 * <pre>{@code
 * <container qualifier="lyger" default="true">
 *   <configuration>
 *     <property name="connector">native</property>   <!-- or jetty: Jetty's ServerConnector -->
 *     <property name="port">0</property>             <!-- 0: a free port -->
 *   </configuration>
 * </container>
 * }</pre>
 */
public class LygerContainerConfiguration implements ContainerConfiguration
{
    private String host = "127.0.0.1";
    private int port;
    private String connector = "native";
    private boolean warmup;
    private boolean requireNative;
    private String warmupBudget;
    private String realmName = "lyger";
    private String users;
    private String realmFile;
    private int httpsPort = -1;
    private String keystore;
    private String keystorePassword;
    private String keystoreType;
    private String truststore;
    private String truststorePassword;
    private String truststoreType;
    private String clientAuth = "none";

    @Override
    public void validate() throws ConfigurationException
    {
        if (port < 0 || port > 65535)
            throw new ConfigurationException("lyger: port must be between 0 and 65535, got " + port);
        connectorKind();
        warmOptions();
        if (httpsPort < -1 || httpsPort > 65535)
            throw new ConfigurationException("lyger: httpsPort must be -1 (no HTTPS), 0 (a free port) or a port, got " + httpsPort);
        if (httpsPort >= 0 && (keystore == null || keystore.isBlank()))
            throw new ConfigurationException("lyger: httpsPort is set but no keystore is: give the server's key and certificate");
        if (!List.of("none", "want", "need").contains(clientAuth == null ? "" : clientAuth.trim().toLowerCase(Locale.ROOT)))
            throw new ConfigurationException("lyger: clientAuth must be none, want or need, got '" + clientAuth + "'");
        if (users != null && realmFile != null)
            throw new ConfigurationException("lyger: give users or realmFile, not both");
        LoginServices.parseUsers(users == null ? "" : users);
    }

    /** @return the interface to listen on; default 127.0.0.1 (empty or 0.0.0.0: all interfaces). */
    public String getHost()
    {
        return host;
    }

    public void setHost(String host)
    {
        this.host = host;
    }

    /** @return the HTTP port; default 0, a free one. */
    public int getPort()
    {
        return port;
    }

    public void setPort(int port)
    {
        this.port = port;
    }

    /** @return {@code native} (default: Lyger's engine) or {@code jetty} (Jetty's ServerConnector). */
    public String getConnector()
    {
        return connector;
    }

    public void setConnector(String connector)
    {
        this.connector = connector;
    }

    ConnectorKind connectorKind()
    {
        String kind = connector == null ? "" : connector.trim().toLowerCase(Locale.ROOT);
        return switch (kind)
        {
            case "", "native" -> ConnectorKind.NATIVE;
            case "jetty" -> ConnectorKind.JETTY;
            default -> throw new ConfigurationException("lyger: connector must be native or jetty, got '" + connector + "'");
        };
    }

    /**
     * @return whether each deployment is made warm before the test runs (CDI beans created, its GET mappings replayed
     * to JIT-compile them), as {@code lyger serve} does; default false: a stock Jetty start, no request before the test's
     */
    public boolean isWarmup()
    {
        return warmup;
    }

    public void setWarmup(boolean warmup)
    {
        this.warmup = warmup;
    }

    /**
     * @return with {@code warmup}: how long the JIT warm-up may replay each deployment's requests, in seconds
     * ({@code 2.5}) or ISO-8601 ({@code PT2S}); default Lyger's (10 s, or {@code -Dlyger.warmup.budget})
     */
    public String getWarmupBudget()
    {
        return warmupBudget;
    }

    public void setWarmupBudget(String warmupBudget)
    {
        this.warmupBudget = warmupBudget;
    }

    WarmOptions warmOptions()
    {
        WarmOptions defaults = WarmOptions.defaults();
        if (!warmup)
            return defaults.cold();
        try
        {
            return warmupBudget == null || warmupBudget.isBlank() ? defaults : defaults.withJitBudget(WarmOptions.parseDuration(warmupBudget));
        }
        catch (IllegalArgumentException x)
        {
            throw new ConfigurationException("lyger: warmupBudget: " + x.getMessage());
        }
    }

    /**
     * @return whether the start fails when {@code connector} is {@code native} and the native engine cannot be loaded
     * here; default false: the connector then serves through Jetty's ServerConnector (and logs why)
     */
    public boolean isRequireNative()
    {
        return requireNative;
    }

    public void setRequireNative(boolean requireNative)
    {
        this.requireNative = requireNative;
    }

    /** @return the name of the login service (the realm of BASIC and FORM logins); default {@code lyger} */
    public String getRealmName()
    {
        return realmName;
    }

    public void setRealmName(String realmName)
    {
        this.realmName = realmName;
    }

    /** @return the users of the login service, entries separated by {@code ;} or new lines, each {@code name: password, role, role} as in Jetty's realm properties; for CLIENT-CERT the name is the certificate's subject DN as Java prints it ({@code CN=client, O=Example}) and the password empty */
    public String getUsers()
    {
        return users;
    }

    public void setUsers(String users)
    {
        this.users = users;
    }

    /** @return a Jetty realm properties file ({@code name: password, role, ...} per line) instead of {@code users} */
    public String getRealmFile()
    {
        return realmFile;
    }

    public void setRealmFile(String realmFile)
    {
        this.realmFile = realmFile;
    }

    /** @return the HTTPS port: -1 (default) no HTTPS listener, 0 a free one; served by Jetty's TLS connector */
    public int getHttpsPort()
    {
        return httpsPort;
    }

    public void setHttpsPort(int httpsPort)
    {
        this.httpsPort = httpsPort;
    }

    /** @return the server's key and certificate for HTTPS (PKCS12 or JKS file) */
    public String getKeystore()
    {
        return keystore;
    }

    public void setKeystore(String keystore)
    {
        this.keystore = keystore;
    }

    /** @return the keystore's password */
    public String getKeystorePassword()
    {
        return keystorePassword;
    }

    public void setKeystorePassword(String keystorePassword)
    {
        this.keystorePassword = keystorePassword;
    }

    /** @return the keystore's type; default from its file name ({@code .jks}: JKS, otherwise PKCS12) */
    public String getKeystoreType()
    {
        return keystoreType;
    }

    public void setKeystoreType(String keystoreType)
    {
        this.keystoreType = keystoreType;
    }

    /** @return the certificates client certificates are checked against (CLIENT-CERT) */
    public String getTruststore()
    {
        return truststore;
    }

    public void setTruststore(String truststore)
    {
        this.truststore = truststore;
    }

    /** @return the truststore's password */
    public String getTruststorePassword()
    {
        return truststorePassword;
    }

    public void setTruststorePassword(String truststorePassword)
    {
        this.truststorePassword = truststorePassword;
    }

    /** @return the truststore's type; default from its file name */
    public String getTruststoreType()
    {
        return truststoreType;
    }

    public void setTruststoreType(String truststoreType)
    {
        this.truststoreType = truststoreType;
    }

    /** @return whether HTTPS clients are asked for a certificate: {@code none} (default), {@code want} or {@code need} */
    public String getClientAuth()
    {
        return clientAuth;
    }

    public void setClientAuth(String clientAuth)
    {
        this.clientAuth = clientAuth;
    }
}
