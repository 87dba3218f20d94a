package io.lyger.connector.internal;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSessionContext;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * What the engine's TLS negotiated on a connection ({@code lyger_conn_tls_info}, native-connector/ABI.md "TLS") as
 * the {@link javax.net.ssl.SSLSession} Jetty's {@code SecureRequestCustomizer} reads: protocol, cipher suite, the
 * client's certificate chain, the certificate that served (its SNI check), the SNI host. Read once per connection;
 * immutable but for the values Jetty caches on it.
 */
final class NativeSslSession extends ExtendedSSLSession
{
    private final String protocol;
    private final String cipherSuite;
    private final String sniHost;
    private final byte[] id;
    private final X509Certificate[] local;
    private final X509Certificate[] peer;
    private final long created = System.currentTimeMillis();
    private final ConcurrentHashMap<String, Object> values = new ConcurrentHashMap<>();

    private NativeSslSession(String protocol, String cipherSuite, String sniHost, byte[] id, X509Certificate[] local, X509Certificate[] peer)
    {
        this.protocol = protocol;
        this.cipherSuite = cipherSuite;
        this.sniHost = sniHost;
        this.id = id;
        this.local = local;
        this.peer = peer;
        if (sniHost != null)
            values.put(SslContextFactory.Server.SNI_HOST, sniHost);
    }

    /** Decodes the engine's info (little-endian) into Jetty's SslSessionData. */
    static EndPoint.SslSessionData decode(ByteBuffer info, NativeTlsConfig tls) throws CertificateException
    {
        ByteBuffer b = info.order(ByteOrder.LITTLE_ENDIAN);
        b.get(); // format version
        b.get();
        int certIndex = Short.toUnsignedInt(b.getShort());
        String protocol = str(b);
        String suite = str(b);
        String sni = str(b);
        str(b); // ALPN: http/1.1 is the only protocol served
        byte[] id = new byte[Short.toUnsignedInt(b.getShort())];
        b.get(id);
        int peers = Short.toUnsignedInt(b.getShort());
        X509Certificate[] peer = new X509Certificate[peers];
        CertificateFactory factory = peers == 0 ? null : CertificateFactory.getInstance("X.509");
        for (int i = 0; i < peers; i++)
        {
            byte[] der = new byte[b.getInt()];
            b.get(der);
            peer[i] = (X509Certificate)factory.generateCertificate(new ByteArrayInputStream(der));
        }
        NativeSslSession session = new NativeSslSession(protocol, suite, sni.isEmpty() ? null : sni, id, tls.chain(certIndex), peer);
        return EndPoint.SslSessionData.from(session, HexFormat.of().formatHex(id), suite, peers == 0 ? null : peer);
    }

    private static String str(ByteBuffer b)
    {
        byte[] s = new byte[Short.toUnsignedInt(b.getShort())];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    @Override
    public String[] getLocalSupportedSignatureAlgorithms()
    {
        return new String[0];
    }

    @Override
    public String[] getPeerSupportedSignatureAlgorithms()
    {
        return new String[0];
    }

    @Override
    public List<SNIServerName> getRequestedServerNames()
    {
        return sniHost == null ? List.of() : List.of(new SNIHostName(sniHost));
    }

    @Override
    public byte[] getId()
    {
        return id.clone();
    }

    @Override
    public SSLSessionContext getSessionContext()
    {
        return null;
    }

    @Override
    public long getCreationTime()
    {
        return created;
    }

    @Override
    public long getLastAccessedTime()
    {
        return created;
    }

    @Override
    public void invalidate()
    {
    }

    @Override
    public boolean isValid()
    {
        return true;
    }

    @Override
    public void putValue(String name, Object value)
    {
        values.put(name, value);
    }

    @Override
    public Object getValue(String name)
    {
        return values.get(name);
    }

    @Override
    public void removeValue(String name)
    {
        values.remove(name);
    }

    @Override
    public String[] getValueNames()
    {
        return values.keySet().toArray(String[]::new);
    }

    @Override
    public Certificate[] getPeerCertificates() throws javax.net.ssl.SSLPeerUnverifiedException
    {
        if (peer.length == 0)
            throw new javax.net.ssl.SSLPeerUnverifiedException("no client certificate");
        return peer.clone();
    }

    @Override
    public Certificate[] getLocalCertificates()
    {
        return local.length == 0 ? null : local.clone();
    }

    @Override
    public Principal getPeerPrincipal() throws javax.net.ssl.SSLPeerUnverifiedException
    {
        if (peer.length == 0)
            throw new javax.net.ssl.SSLPeerUnverifiedException("no client certificate");
        return peer[0].getSubjectX500Principal();
    }

    @Override
    public Principal getLocalPrincipal()
    {
        return local.length == 0 ? null : local[0].getSubjectX500Principal();
    }

    @Override
    public String getCipherSuite()
    {
        return cipherSuite;
    }

    @Override
    public String getProtocol()
    {
        return protocol;
    }

    @Override
    public String getPeerHost()
    {
        return null;
    }

    @Override
    public int getPeerPort()
    {
        return -1;
    }

    @Override
    public int getPacketBufferSize()
    {
        return 16 * 1024 + 5 + 256;
    }

    @Override
    public int getApplicationBufferSize()
    {
        return 16 * 1024;
    }
}
