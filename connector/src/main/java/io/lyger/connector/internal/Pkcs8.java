package io.lyger.connector.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;

/**
 * A private key as the PKCS#8 DER the engine's ring takes. RSA and Ed25519 keys go as Java encodes them. An EC key is
 * re-encoded: Java's PKCS#8 leaves the optional public key out of the inner ECPrivateKey (RFC 5915), and ring 0.16
 * requires it; it is taken from the certificate. Hand-written because the JDK has no public DER writer and the
 * structure is three nested sequences.
 */
final class Pkcs8
{
    private Pkcs8()
    {
    }

    static byte[] encode(PrivateKey key, PublicKey certificateKey)
    {
        if (!(key instanceof ECPrivateKey ec) || !(certificateKey instanceof ECPublicKey pub))
            return key.getEncoded();
        int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        byte[] point = new byte[1 + 2 * size];
        point[0] = 4; // uncompressed
        copyFixed(pub.getW().getAffineX(), point, 1, size);
        copyFixed(pub.getW().getAffineY(), point, 1 + size, size);
        byte[] secret = new byte[size];
        copyFixed(ec.getS(), secret, 0, size);
        byte[] bitString = new byte[point.length + 1];
        System.arraycopy(point, 0, bitString, 1, point.length); // no unused bits
        byte[] inner = tlv(0x30, concat(tlv(0x02, new byte[]{1}), tlv(0x04, secret), tlv(0xA1, tlv(0x03, bitString))));
        // the AlgorithmIdentifier (id-ecPublicKey and the curve) as Java wrote it
        byte[] algorithm = algorithmIdentifier(key.getEncoded());
        byte[] out = tlv(0x30, concat(tlv(0x02, new byte[]{0}), algorithm, tlv(0x04, inner)));
        java.util.Arrays.fill(secret, (byte)0);
        java.util.Arrays.fill(inner, (byte)0);
        return out;
    }

    /** The second element of PKCS#8's outer SEQUENCE. */
    private static byte[] algorithmIdentifier(byte[] pkcs8)
    {
        int[] outer = header(pkcs8, 0);
        int versionAt = outer[0];
        int[] version = header(pkcs8, versionAt);
        int algAt = version[0] + version[1];
        int[] alg = header(pkcs8, algAt);
        byte[] b = new byte[alg[0] + alg[1] - algAt];
        System.arraycopy(pkcs8, algAt, b, 0, b.length);
        return b;
    }

    /** {content offset, content length} of the TLV at `at`. */
    private static int[] header(byte[] der, int at)
    {
        int len = der[at + 1] & 0xFF;
        int off = at + 2;
        if (len >= 0x80)
        {
            int n = len & 0x7F;
            len = 0;
            for (int i = 0; i < n; i++)
                len = (len << 8) | (der[off + i] & 0xFF);
            off += n;
        }
        return new int[]{off, len};
    }

    private static void copyFixed(BigInteger v, byte[] out, int at, int size)
    {
        byte[] b = v.toByteArray();
        int skip = Math.max(0, b.length - size);
        System.arraycopy(b, skip, out, at + size - (b.length - skip), b.length - skip);
    }

    private static byte[] tlv(int tag, byte[] content)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = content.length;
        if (len < 0x80)
            out.write(len);
        else if (len < 0x100)
        {
            out.write(0x81);
            out.write(len);
        }
        else
        {
            out.write(0x82);
            out.write(len >>> 8);
            out.write(len);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts)
            out.writeBytes(p);
        return out.toByteArray();
    }
}
