package io.lyger.bench;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The HTTPS targets' key and certificate, made fresh for each run with the JDK's {@code keytool}: a PKCS12 keystore
 * with one key, RSA 2048 (the default, what most sites serve) or EC P-256 ({@code --tls-key=ec}), whose certificate
 * for {@code localhost} and {@code 127.0.0.1} is signed by a throwaway CA of the run ({@link #caPem()}, what testssl.sh
 * is told to trust: a self-signed server certificate would be rated CRITICAL there, which says nothing about the TLS
 * implementation). Every HTTPS target loads the same file with its own defaults (protocols and cipher suites are not
 * configured).
 *
 * @param path     the PKCS12 file (the key entry {@link #ALIAS} with its chain: the certificate, then the CA's)
 * @param password the store's and the key's password (a throwaway key on loopback)
 * @param keyType  {@code rsa} or {@code ec}
 * @param caPem    the CA's certificate, PEM
 */
public record BenchKeystore(Path path, String password, String keyType, Path caPem)
{
    static final String ALIAS = "bench";
    /**
     * A year: testssl.sh rates a certificate that expires within 30 days HIGH. Like the OCSP URI below, this keeps
     * findings about the certificate (which is the operator's, not the TLS stack's) out of the scan of the stack.
     */
    static final String VALIDITY_DAYS = "365";
    /**
     * An OCSP responder address in the certificate (authority information access): testssl.sh rates a certificate
     * with neither a CRL nor an OCSP URI HIGH. Nothing answers there; testssl does not contact it (no --phone-out),
     * and it is on loopback anyway.
     */
    static final String OCSP_URI = "http://127.0.0.1:9/ocsp";

    /** @return a description for the report, e.g. {@code RSA 2048 (SHA256withRSA)} */
    public String describe()
    {
        return (keyType.equals("ec") ? "EC P-256 (secp256r1, SHA256withECDSA)" : "RSA 2048 (SHA256withRSA)")
            + ", signed by a throwaway CA (RSA 2048) of the run";
    }

    /** Creates the keystore in {@code dir} with the {@code keytool} of {@code jdk}, replacing any earlier one. */
    public static BenchKeystore create(Path jdk, Path dir, String keyType) throws IOException, InterruptedException
    {
        String type = keyType.toLowerCase(Locale.ROOT);
        if (!type.equals("rsa") && !type.equals("ec"))
            throw new IllegalArgumentException("--tls-key: rsa or ec, not " + keyType);
        Files.createDirectories(dir);
        Path path = dir.resolve("bench-keystore-" + type + ".p12");
        Path ca = dir.resolve("bench-ca-" + type + ".p12");
        Path caPem = dir.resolve("bench-ca-" + type + ".pem");
        Path csr = dir.resolve("bench-" + type + ".csr");
        Path cert = dir.resolve("bench-" + type + ".pem");
        for (Path p : List.of(path, ca, caPem, csr, cert))
            Files.deleteIfExists(p);
        String password = "bench-" + Long.toHexString(new SecureRandom().nextLong());
        String keytool = jdk.resolve("bin/keytool").toString();
        List<String> key = type.equals("ec")
            ? List.of("-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA")
            : List.of("-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA");
        List<String> store = List.of("-storetype", "PKCS12", "-storepass", password, "-keypass", password);
        keytool(path, concat(List.of(keytool, "-genkeypair", "-alias", "ca", "-dname", "CN=Lyger bench CA", "-ext", "bc:c",
            "-keyalg", "RSA", "-keysize", "2048", "-validity", VALIDITY_DAYS, "-keystore", ca.toString()), store));
        keytool(path, concat(List.of(keytool, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(),
            "-file", caPem.toString()), store));
        keytool(path, concat(List.of(keytool, "-genkeypair", "-alias", ALIAS, "-dname", "CN=localhost", "-validity", VALIDITY_DAYS,
            "-keystore", path.toString()), store, key));
        keytool(path, concat(List.of(keytool, "-certreq", "-alias", ALIAS, "-keystore", path.toString(),
            "-file", csr.toString()), store));
        keytool(path, concat(List.of(keytool, "-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(),
            "-infile", csr.toString(), "-outfile", cert.toString(), "-validity", VALIDITY_DAYS,
            "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-ext", "eku=serverAuth", "-ext", "AIA=ocsp:uri:" + OCSP_URI,
            "-ext", type.equals("ec") ? "ku:c=digitalSignature" : "ku:c=digitalSignature,keyEncipherment"), store));
        // The CA as a trusted entry so that the reply's chain can be built, then the reply, then the CA entry out
        // again: the keystore ends with one entry, the key and its chain.
        keytool(path, concat(List.of(keytool, "-importcert", "-noprompt", "-alias", "ca", "-keystore", path.toString(),
            "-file", caPem.toString()), store));
        keytool(path, concat(List.of(keytool, "-importcert", "-alias", ALIAS, "-keystore", path.toString(),
            "-file", cert.toString()), store));
        keytool(path, concat(List.of(keytool, "-delete", "-alias", "ca", "-keystore", path.toString()), store));
        return new BenchKeystore(path, password, type, caPem);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts)
    {
        List<String> all = new java.util.ArrayList<>();
        for (List<String> part : parts)
            all.addAll(part);
        return all;
    }

    private static void keytool(Path keystore, List<String> command) throws IOException, InterruptedException
    {
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0)
            throw new IOException("keytool failed making " + keystore + " (" + String.join(" ", command.subList(1, 3))
                + "): " + output.strip());
    }

    /**
     * @return a client SSLContext that accepts any certificate and host name: only for the harness's own checks of
     * its loopback targets, whose certificate is the throwaway one above
     */
    public static SSLContext trustAll()
    {
        try
        {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new TrustAll()}, null);
            return context;
        }
        catch (GeneralSecurityException e)
        {
            throw new IllegalStateException(e);
        }
    }

    /** An extended trust manager, so that JSSE leaves the host name check to it too (and it does none). */
    private static final class TrustAll extends X509ExtendedTrustManager
    {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
        {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
        {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers()
        {
            return new X509Certificate[0];
        }
    }
}
