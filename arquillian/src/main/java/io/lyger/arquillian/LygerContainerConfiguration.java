package io.lyger.arquillian;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
    private boolean ssl;
    private boolean sniHostCheck;
    private boolean sniRequired;
    private String httpConfigurationProperties;
    private Boolean relativeRedirectAllowed;
    private String requestCookieCompliance;
    private String responseCookieCompliance;
    private String uriCompliance;
    private String httpCompliance;
    private int requestHeaderSize;
    private int responseHeaderSize;
    private String inferredEncodings;
    private String mimeTypes;
    private String defaultsDescriptor;
    private String classloaderBehavior = "SERVLET_SPEC";
    private boolean dumpServerAfterStart;
    private boolean crossContextDispatchSupported;

    @Override
    public void validate() throws ConfigurationException
    {
        if (port < 0 || port > 65535)
            throw new ConfigurationException("lyger: port must be between 0 and 65535, got " + port);
        connectorKind();
        warmOptions();
        if (httpsPort < -1 || httpsPort > 65535)
            throw new ConfigurationException("lyger: httpsPort must be -1 (no HTTPS), 0 (a free port) or a port, got " + httpsPort);
        if (tlsPort() >= 0 && (keystore == null || keystore.isBlank()))
            throw new ConfigurationException("lyger: " + (ssl ? "ssl" : "httpsPort") + " is set but no keystore is: give the server's key and certificate");
        if (!List.of("none", "want", "need").contains(clientAuth == null ? "" : clientAuth.trim().toLowerCase(Locale.ROOT)))
            throw new ConfigurationException("lyger: clientAuth must be none, want or need, got '" + clientAuth + "'");
        if (users != null && realmFile != null)
            throw new ConfigurationException("lyger: give users or realmFile, not both");
        LoginServices.parseUsers(users == null ? "" : users);
        if (realmFile != null && !realmFile.isBlank())
            LoginServices.realmFile(realmName, Path.of(realmFile));
        if (requestHeaderSize < 0 || responseHeaderSize < 0)
            throw new ConfigurationException("lyger: requestHeaderSize and responseHeaderSize must not be negative (0: Jetty's default, 8 KiB)");
        httpSettings().validate();
        isParentLoaderPriority();
        MimeSettings.inferredEncodings(inferredEncodings);
        MimeSettings.mimeTypes(mimeTypes);
        if (defaultsDescriptor != null && !defaultsDescriptor.isBlank() && !defaultsDescriptor.contains(":/")
            && !Files.isRegularFile(Path.of(defaultsDescriptor)))
            throw new ConfigurationException("lyger: defaultsDescriptor: no such file " + Path.of(defaultsDescriptor).toAbsolutePath());
    }

    /**
     * @return what is set on Jetty's HttpConfiguration of every listener: {@code httpConfigurationProperties} first,
     * then the properties of their own (which win)
     */
    HttpSettings httpSettings()
    {
        Map<String, String> values = new LinkedHashMap<>(PropertyPairs.parse("httpConfigurationProperties", httpConfigurationProperties));
        if (relativeRedirectAllowed != null)
            values.put("relativeRedirectAllowed", relativeRedirectAllowed.toString());
        putIfSet(values, "requestCookieCompliance", requestCookieCompliance);
        putIfSet(values, "responseCookieCompliance", responseCookieCompliance);
        putIfSet(values, "uriCompliance", uriCompliance);
        putIfSet(values, "httpCompliance", httpCompliance);
        if (requestHeaderSize > 0)
            values.put("requestHeaderSize", Integer.toString(requestHeaderSize));
        if (responseHeaderSize > 0)
            values.put("responseHeaderSize", Integer.toString(responseHeaderSize));
        return new HttpSettings(values);
    }

    private static void putIfSet(Map<String, String> values, String name, String value)
    {
        if (value != null && !value.isBlank())
            values.put(name, value.strip());
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

    /** Jetty's adapter's name for {@code host}. */
    public void setBindAddress(String bindAddress)
    {
        setHost(bindAddress);
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

    /** Jetty's adapter's name for {@code port}. */
    public void setBindHttpPort(int bindHttpPort)
    {
        setPort(bindHttpPort);
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

    /** Jetty's adapter's name for {@code realmFile}. */
    public void setRealmProperties(String realmProperties)
    {
        setRealmFile(realmProperties);
    }

    /** @return the HTTPS port: -1 (default) no HTTPS listener, 0 a free one; a LygerConnector (native TLS where the engine has it, else Jetty's SslConnectionFactory) */
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

    /** Jetty's adapter's name for {@code keystore}. */
    public void setKeystorePath(String keystorePath)
    {
        setKeystore(keystorePath);
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

    /** Jetty's adapter's name for {@code truststore}. */
    public void setTrustStorePath(String trustStorePath)
    {
        setTruststore(trustStorePath);
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

    /** Jetty's adapter's name for {@code truststorePassword}. */
    public void setTrustStorePassword(String trustStorePassword)
    {
        setTruststorePassword(trustStorePassword);
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

    /** Jetty's adapter's {@code needClientAuth}: true is {@code clientAuth} need. */
    public void setNeedClientAuth(boolean needClientAuth)
    {
        if (needClientAuth)
            setClientAuth("need");
        else if ("need".equalsIgnoreCase(clientAuth == null ? "" : clientAuth.trim()))
            setClientAuth("none");
    }

    /**
     * @return whether deployments' URL ({@code @ArquillianResource URL}, the servlet protocol's) is the HTTPS listener,
     * as with Jetty's adapter's {@code ssl}: for a container that deployments target with
     * {@code @TargetsContainer("https")}. The HTTPS listener then takes {@code port} unless {@code httpsPort} is set,
     * and the plain one a free port. Default false.
     */
    public boolean isSsl()
    {
        return ssl;
    }

    public void setSsl(boolean ssl)
    {
        this.ssl = ssl;
    }

    /** @return the port of the plain HTTP listener: {@code port}, or a free one when {@code ssl} moves port to HTTPS */
    int plainPort()
    {
        return ssl && httpsPort == -1 ? 0 : port;
    }

    /** @return the port of the HTTPS listener, -1 for none: {@code httpsPort}, or with {@code ssl} {@code port} */
    int tlsPort()
    {
        return ssl && httpsPort == -1 ? port : httpsPort;
    }

    /** @return whether the HTTPS listener refuses requests whose Host differs from the certificate's names; default false */
    public boolean isSniHostCheck()
    {
        return sniHostCheck;
    }

    public void setSniHostCheck(boolean sniHostCheck)
    {
        this.sniHostCheck = sniHostCheck;
    }

    /** @return whether the HTTPS listener refuses TLS clients that send no SNI name matching its certificate; default false */
    public boolean isSniRequired()
    {
        return sniRequired;
    }

    public void setSniRequired(boolean sniRequired)
    {
        this.sniRequired = sniRequired;
    }

    /** @return Jetty HttpConfiguration properties as {@code name value} pairs (Jetty's adapter's name), e.g. {@code relativeRedirectAllowed false} */
    public String getHttpConfigurationProperties()
    {
        return httpConfigurationProperties;
    }

    public void setHttpConfigurationProperties(String httpConfigurationProperties)
    {
        this.httpConfigurationProperties = httpConfigurationProperties;
    }

    /** @return whether {@code sendRedirect} may send a relative Location; null: Jetty's default (true) */
    public Boolean getRelativeRedirectAllowed()
    {
        return relativeRedirectAllowed;
    }

    public void setRelativeRedirectAllowed(boolean relativeRedirectAllowed)
    {
        this.relativeRedirectAllowed = relativeRedirectAllowed;
    }

    /** @return how Cookie headers are parsed: a Jetty CookieCompliance ({@code RFC6265} default, {@code RFC6265_LEGACY}, {@code RFC2965} ...) */
    public String getRequestCookieCompliance()
    {
        return requestCookieCompliance;
    }

    public void setRequestCookieCompliance(String requestCookieCompliance)
    {
        this.requestCookieCompliance = requestCookieCompliance;
    }

    /** @return how Set-Cookie headers are written: a Jetty CookieCompliance */
    public String getResponseCookieCompliance()
    {
        return responseCookieCompliance;
    }

    public void setResponseCookieCompliance(String responseCookieCompliance)
    {
        this.responseCookieCompliance = responseCookieCompliance;
    }

    /** Sets {@code requestCookieCompliance} and {@code responseCookieCompliance} (the name of Jetty's jetty.xml property). */
    public void setCookieCompliance(String cookieCompliance)
    {
        setRequestCookieCompliance(cookieCompliance);
        setResponseCookieCompliance(cookieCompliance);
    }

    /** @return the URI compliance mode: a Jetty UriCompliance ({@code DEFAULT}, {@code LEGACY}, {@code UNAMBIGUOUS}, {@code UNSAFE} ...) */
    public String getUriCompliance()
    {
        return uriCompliance;
    }

    public void setUriCompliance(String uriCompliance)
    {
        this.uriCompliance = uriCompliance;
    }

    /** @return the HTTP compliance mode: a Jetty HttpCompliance ({@code RFC9110} default, {@code RFC7230}, {@code RFC2616}, {@code LEGACY}) */
    public String getHttpCompliance()
    {
        return httpCompliance;
    }

    public void setHttpCompliance(String httpCompliance)
    {
        this.httpCompliance = httpCompliance;
    }

    /** @return the largest request head accepted, in bytes; 0: Jetty's default (8192) */
    public int getRequestHeaderSize()
    {
        return requestHeaderSize;
    }

    public void setRequestHeaderSize(int requestHeaderSize)
    {
        this.requestHeaderSize = requestHeaderSize;
    }

    /** @return the largest response head, in bytes; 0: Jetty's default (8192) */
    public int getResponseHeaderSize()
    {
        return responseHeaderSize;
    }

    public void setResponseHeaderSize(int responseHeaderSize)
    {
        this.responseHeaderSize = responseHeaderSize;
    }

    /** Jetty's adapter's {@code headerBufferSize}: sets {@code requestHeaderSize} and {@code responseHeaderSize}. */
    public void setHeaderBufferSize(int headerBufferSize)
    {
        setRequestHeaderSize(headerBufferSize);
        setResponseHeaderSize(headerBufferSize);
    }

    /**
     * @return {@code mime-type charset} pairs (Jetty's adapter's name): the charset Jetty adds to a Content-Type set
     * without one ({@code text/html utf-8} by default); {@code -charset} makes it assumed (used, not added to the
     * header), {@code -} assumes no charset
     */
    public String getInferredEncodings()
    {
        return inferredEncodings;
    }

    public void setInferredEncodings(String inferredEncodings)
    {
        this.inferredEncodings = inferredEncodings;
    }

    /** @return {@code extension mime-type} pairs (Jetty's adapter's name) added to each deployment's mime types */
    public String getMimeTypes()
    {
        return mimeTypes;
    }

    public void setMimeTypes(String mimeTypes)
    {
        this.mimeTypes = mimeTypes;
    }

    /**
     * @return a webdefault.xml applied to each deployment before its own web.xml, instead of Jetty's
     * {@code webdefault-ee11.xml} (a file, or a URL such as {@code file:/...} or {@code jar:...}); Jetty's adapter's name
     */
    public String getDefaultsDescriptor()
    {
        return defaultsDescriptor;
    }

    public void setDefaultsDescriptor(String defaultsDescriptor)
    {
        this.defaultsDescriptor = defaultsDescriptor;
    }

    /**
     * @return Jetty's adapter's {@code classloaderBehavior}: {@code SERVLET_SPEC} (default here: a deployment's classes
     * before the test class path's, as on Jetty and {@code lyger serve}) or {@code JAVA_SPEC} (the test class path
     * first, the default of Jetty's adapter)
     */
    public String getClassloaderBehavior()
    {
        return classloaderBehavior;
    }

    public void setClassloaderBehavior(String classloaderBehavior)
    {
        this.classloaderBehavior = classloaderBehavior;
    }

    /** @return true for {@code JAVA_SPEC}: the web application's class loader asks its parent first */
    boolean isParentLoaderPriority()
    {
        String behavior = classloaderBehavior == null ? "" : classloaderBehavior.strip().toUpperCase(Locale.ROOT);
        return switch (behavior)
        {
            case "", "SERVLET_SPEC" -> false;
            case "JAVA_SPEC" -> true;
            default -> throw new ConfigurationException("lyger: classloaderBehavior must be SERVLET_SPEC or JAVA_SPEC, got '" + classloaderBehavior + "'");
        };
    }

    /** @return whether the server's component tree is printed to System.err once it has started (Jetty's adapter's name); default false */
    public boolean isDumpServerAfterStart()
    {
        return dumpServerAfterStart;
    }

    public void setDumpServerAfterStart(boolean dumpServerAfterStart)
    {
        this.dumpServerAfterStart = dumpServerAfterStart;
    }

    /**
     * @return whether deployments may reach each other ({@code ServletContext.getContext(path)} and its dispatchers),
     * Jetty 12.1's cross-context dispatch (Jetty's adapter's name); default false, as on Jetty
     */
    public boolean isCrossContextDispatchSupported()
    {
        return crossContextDispatchSupported;
    }

    public void setCrossContextDispatchSupported(boolean crossContextDispatchSupported)
    {
        this.crossContextDispatchSupported = crossContextDispatchSupported;
    }
}
