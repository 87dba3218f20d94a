package io.lyger.arquillian;

import java.util.Locale;

import io.lyger.launcher.ConnectorKind;
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

    @Override
    public void validate() throws ConfigurationException
    {
        if (port < 0 || port > 65535)
            throw new ConfigurationException("lyger: port must be between 0 and 65535, got " + port);
        connectorKind();
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
}
