package io.lyger.connector.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.ssl.X509;

/**
 * The TLS configuration of an HTTPS listener as the native engine takes it (native-connector/ABI.md "TLS"), read from
 * Jetty's {@link SslContextFactory.Server} the way Jetty itself reads it: the factory is started (it loads and checks
 * the keystore and truststore, PKCS12 or JKS, and selects protocols and cipher suites from its include/exclude
 * lists), then each key entry's chain and PKCS#8 key, the trusted certificates and the selected protocols and suites
 * are encoded for the engine. An option the engine cannot honour throws an {@link IllegalStateException} whose
 * message is one line naming it; nothing is dropped silently. Key bytes live only in the encoded blob, which the
 * caller wipes once the engine has copied it.
 */
public final class NativeTlsConfig
{
    /** The suites the engine (rustls) implements, by their JSSE/IANA names (native-connector/src/tls/names.rs). */
    public static final List<String> ENGINE_SUITES = List.of(
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    private static final Set<String> ENGINE_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    private final byte[] blob;
    /** The certificate chains in the engine's order: a connection's info names the one that served it by index. */
    private final List<X509Certificate[]> chains;
    private final String summary;

    private NativeTlsConfig(byte[] blob, List<X509Certificate[]> chains, String summary)
    {
        this.blob = blob;
        this.chains = chains;
        this.summary = summary;
    }

    /** The encoded configuration; the caller wipes it ({@link #wipe()}) once the engine has started. */
    byte[] blob()
    {
        return blob;
    }

    void wipe()
    {
        Arrays.fill(blob, (byte)0);
    }

    /** @return the local certificate chain the engine numbered {@code index}, or an empty array. */
    X509Certificate[] chain(int index)
    {
        return index >= 0 && index < chains.size() ? chains.get(index) : new X509Certificate[0];
    }

    /** @return protocols and client auth, for the listener's log line (no secrets). */
    public String summary()
    {
        return summary;
    }

    /**
     * Reads the factory (starting it if needed).
     *
     * @param alpn the protocols to advertise by ALPN (the SslConnectionFactory's next protocol)
     * @throws IllegalStateException one line naming an option the engine cannot honour, or why the keystore is unusable
     */
    public static NativeTlsConfig from(SslContextFactory.Server factory, List<String> alpn)
    {
        try
        {
            if (!factory.isStarted())
                factory.start();
        }
        catch (Exception x)
        {
            throw new IllegalStateException("TLS: the SslContextFactory cannot start: " + firstLine(x), x);
        }
        refuseUnsupported(factory);
        boolean want = factory.getWantClientAuth();
        boolean need = factory.getNeedClientAuth();
        int protocols = protocols(factory);
        List<String> suites = suites(factory);
        try
        {
            KeyStore keyStore = factory.getKeyStore();
            if (keyStore == null)
                throw new IllegalStateException("TLS: the SslContextFactory has no keystore (keyStorePath)");
            List<String> aliases = new ArrayList<>();
            if (factory.getCertAlias() != null)
                aliases.add(factory.getCertAlias()); // as Jetty: the certAlias alone serves, whatever the SNI
            else
                aliases.addAll(Collections.list(keyStore.aliases()));
            String keyPassword = factory.getKeyManagerPassword() != null ? factory.getKeyManagerPassword() : factory.getKeyStorePassword();
            List<X509Certificate[]> chains = new ArrayList<>();
            Out out = new Out();
            out.u8(1); // format version
            out.u8(need ? 2 : want ? 1 : 0);
            out.u8(protocols);
            int flags = (factory.isSessionCachingEnabled() ? 1 : 0) | (factory.isUseCipherSuitesOrder() ? 2 : 0) | (factory.isSniRequired() ? 4 : 0);
            out.u8(flags);
            out.u32(0); // max handshakes: the engine's default
            out.u32(Math.max(0, factory.getSslSessionCacheSize()));
            out.u16(suites.size());
            suites.forEach(out::str16);
            out.u16(alpn.size());
            alpn.forEach(out::str16);
            ByteArrayOutputStream certs = new ByteArrayOutputStream();
            Out certOut = new Out(certs);
            for (String alias : aliases)
            {
                if (!keyStore.isKeyEntry(alias))
                {
                    if (alias.equals(factory.getCertAlias()))
                        throw new IllegalStateException("TLS: certAlias " + alias + " is not a key entry of the keystore");
                    continue;
                }
                Key key = keyStore.getKey(alias, keyPassword == null ? null : keyPassword.toCharArray());
                Certificate[] chain = keyStore.getCertificateChain(alias);
                if (!(key instanceof PrivateKey) || chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate))
                    continue;
                Set<String> names = new LinkedHashSet<>();
                X509 x509 = factory.getX509(alias);
                if (x509 == null)
                    x509 = new X509(alias, (X509Certificate)chain[0]);
                names.addAll(x509.getHosts());
                x509.getWilds().forEach(w -> names.add("*." + w));
                certOut.u16(names.size());
                names.forEach(certOut::str16);
                certOut.u16(chain.length);
                X509Certificate[] x509Chain = new X509Certificate[chain.length];
                for (int i = 0; i < chain.length; i++)
                {
                    x509Chain[i] = (X509Certificate)chain[i];
                    certOut.bytes32(chain[i].getEncoded());
                }
                if (key.getEncoded() == null || !"PKCS#8".equals(key.getFormat()))
                    throw new IllegalStateException("TLS: the key of keystore alias " + alias + " cannot be exported as PKCS#8 (" + key.getAlgorithm() + ")");
                byte[] pkcs8 = Pkcs8.encode((PrivateKey)key, chain[0].getPublicKey());
                certOut.bytes32(pkcs8);
                Arrays.fill(pkcs8, (byte)0);
                chains.add(x509Chain);
            }
            if (chains.isEmpty())
                throw new IllegalStateException("TLS: the keystore has no private key entry with a certificate chain");
            out.u16(chains.size());
            out.raw(certs.toByteArray());
            List<byte[]> trusted = new ArrayList<>();
            if (want || need)
            {
                KeyStore trustStore = factory.getTrustStore() != null ? factory.getTrustStore() : keyStore;
                for (String alias : Collections.list(trustStore.aliases()))
                {
                    if (trustStore.isCertificateEntry(alias))
                        trusted.add(trustStore.getCertificate(alias).getEncoded());
                }
            }
            out.u16(trusted.size());
            trusted.forEach(out::bytes32);
            String summary = String.join("/", protocolNames(protocols)) + (need ? ", client certificates needed" : want ? ", client certificates wanted" : "");
            return new NativeTlsConfig(out.toByteArray(), List.copyOf(chains), summary);
        }
        catch (IllegalStateException x)
        {
            throw x;
        }
        catch (Exception x)
        {
            throw new IllegalStateException("TLS: cannot read the keystore/truststore: " + firstLine(x), x);
        }
    }

    /** Options of Jetty's SslContextFactory whose meaning the engine does not implement: refused, one line each. */
    private static void refuseUnsupported(SslContextFactory.Server f)
    {
        if (f.isEnableOCSP() || f.getOcspResponderURL() != null)
            throw unsupported("enableOCSP/ocspResponderURL (OCSP checking of client certificates)");
        if (f.getCrlPath() != null)
            throw unsupported("crlPath (certificate revocation lists)");
        if (f.isEnableCRLDP())
            throw unsupported("enableCRLDP (CRL distribution points)");
        if (f.isValidatePeerCerts())
            throw unsupported("validatePeerCerts (Jetty's revocation-aware client certificate validation)");
        if (f.getEndpointIdentificationAlgorithm() != null)
            throw unsupported("endpointIdentificationAlgorithm=" + f.getEndpointIdentificationAlgorithm() + " (host name checks of client certificates)");
        if (f.isTrustAll() && (f.getWantClientAuth() || f.getNeedClientAuth()))
            throw unsupported("trustAll with client authentication (client certificates are always verified against the truststore)");
        if (f.getSslSessionTimeout() > 0)
            throw unsupported("sslSessionTimeout=" + f.getSslSessionTimeout() + " (the engine's session tickets and cache have fixed lifetimes)");
        if (f.getSNISelector() != null && f.getSNISelector() != f)
            throw unsupported("a custom SNISelector (the engine selects certificates by their names, as Jetty's default)");
    }

    private static int protocols(SslContextFactory.Server f)
    {
        for (String p : f.getIncludeProtocols())
        {
            if (!ENGINE_PROTOCOLS.contains(p))
                throw unsupported("includeProtocols " + p + " (the engine speaks TLSv1.2 and TLSv1.3)");
        }
        int mask = 0;
        for (String p : f.getSelectedProtocols())
        {
            if ("TLSv1.2".equals(p))
                mask |= 1;
            else if ("TLSv1.3".equals(p))
                mask |= 2;
        }
        if (mask == 0)
            throw unsupported("protocols " + Arrays.toString(f.getSelectedProtocols()) + " (the engine speaks TLSv1.2 and TLSv1.3)");
        return mask;
    }

    private static List<String> protocolNames(int mask)
    {
        List<String> names = new ArrayList<>();
        if ((mask & 1) != 0)
            names.add("TLSv1.2");
        if ((mask & 2) != 0)
            names.add("TLSv1.3");
        return names;
    }

    /**
     * The selected suites the engine implements, in the factory's order. A suite included by its exact name that the
     * engine lacks is refused; patterns (Jetty's includes are regular expressions) select among the engine's suites.
     */
    private static List<String> suites(SslContextFactory.Server f)
    {
        for (String include : f.getIncludeCipherSuites())
        {
            if (include.matches("[A-Za-z0-9_]+") && !ENGINE_SUITES.contains(include))
                throw unsupported("includeCipherSuites " + include + " (the engine implements " + String.join(", ", ENGINE_SUITES) + ")");
        }
        List<String> suites = new ArrayList<>();
        for (String s : f.getSelectedCipherSuites())
        {
            if (ENGINE_SUITES.contains(s))
                suites.add(s);
        }
        if (suites.isEmpty())
            throw unsupported("cipher suites " + Arrays.toString(f.getSelectedCipherSuites()) + ": none is one the engine implements (" + String.join(", ", ENGINE_SUITES) + ")");
        return suites;
    }

    private static IllegalStateException unsupported(String what)
    {
        return new IllegalStateException("TLS option not supported by the Lyger native TLS engine: " + what
            + "; remove it, or serve HTTPS through Jetty's TLS (LygerConnector.setForceFallback(true))");
    }

    private static String firstLine(Throwable x)
    {
        String m = x.getMessage();
        return x.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }

    /** Little-endian writer of the blob's fields. */
    private static final class Out
    {
        private final ByteArrayOutputStream bytes;

        Out()
        {
            this(new ByteArrayOutputStream());
        }

        Out(ByteArrayOutputStream bytes)
        {
            this.bytes = bytes;
        }

        void u8(int v)
        {
            bytes.write(v);
        }

        void u16(int v)
        {
            if (v > 0xFFFF)
                throw new IllegalStateException("TLS: too many entries (" + v + ")");
            bytes.write(v);
            bytes.write(v >>> 8);
        }

        void u32(int v)
        {
            bytes.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        }

        void str16(String s)
        {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u16(b.length);
            bytes.writeBytes(b);
        }

        void bytes32(byte[] b)
        {
            u32(b.length);
            bytes.writeBytes(b);
        }

        void raw(byte[] b)
        {
            bytes.writeBytes(b);
        }

        byte[] toByteArray()
        {
            return bytes.toByteArray();
        }
    }
}
