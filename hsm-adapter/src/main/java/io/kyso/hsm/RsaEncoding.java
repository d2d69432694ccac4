package io.kyso.hsm;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** The PKCS#1 (RFC 8017) encodings the adapter builds and checks around RSA signature values. */
final class RsaEncoding {
    private RsaEncoding() {
    }

    /** DER prefix of {@code DigestInfo ::= SEQUENCE { AlgorithmIdentifier (with NULL), OCTET STRING }}. */
    private static byte[] digestInfoPrefix(DigestAlgorithm algorithm) {
        return HexFormat.of().parseHex(switch (algorithm) {
            case SHA256 -> "3031300d060960864801650304020105000420";
            case SHA384 -> "3041300d060960864801650304020205000430";
            case SHA512 -> "3051300d060960864801650304020305000440";
        });
    }

    /** The DER DigestInfo that RSASSA-PKCS1-v1_5 signs. */
    static byte[] digestInfo(DigestAlgorithm algorithm, byte[] digest) {
        byte[] prefix = digestInfoPrefix(algorithm);
        byte[] info = Arrays.copyOf(prefix, prefix.length + digest.length);
        System.arraycopy(digest, 0, info, prefix.length, digest.length);
        return info;
    }

    /** EMSA-PKCS1-v1_5: {@code 00 01 FF..FF 00 || DigestInfo}, {@code length} bytes. */
    static byte[] emsaPkcs1(DigestAlgorithm algorithm, byte[] digest, int length) {
        byte[] info = digestInfo(algorithm, digest);
        if (length < info.length + 11) {
            throw new IllegalArgumentException("RSA key too short for " + algorithm.jcaName());
        }
        byte[] encoded = new byte[length];
        encoded[1] = 0x01;
        Arrays.fill(encoded, 2, length - info.length - 1, (byte) 0xFF);
        System.arraycopy(info, 0, encoded, length - info.length, info.length);
        return encoded;
    }

    /**
     * EMSA-PSS-VERIFY (RFC 8017, 9.1.2) with MGF1 over the same hash.
     *
     * @param encoded the encoded message, {@code ceil(emBits / 8)} bytes
     */
    static boolean pssConsistent(byte[] encoded, int emBits, DigestAlgorithm algorithm, byte[] digest, int saltLength) {
        int hLen = algorithm.length();
        int emLen = encoded.length;
        if (emLen < hLen + saltLength + 2 || (encoded[emLen - 1] & 0xFF) != 0xBC) {
            return false;
        }
        int dbLen = emLen - hLen - 1;
        byte[] hash = Arrays.copyOfRange(encoded, dbLen, dbLen + hLen);
        int unusedBits = 8 * emLen - emBits;
        int topMask = 0xFF >>> unusedBits;
        if ((encoded[0] & ~topMask & 0xFF) != 0) {
            return false;
        }
        byte[] db = mgf1(algorithm, hash, dbLen);
        for (int i = 0; i < dbLen; i++) {
            db[i] ^= encoded[i];
        }
        db[0] &= (byte) topMask;
        int separator = dbLen - saltLength - 1;
        for (int i = 0; i < separator; i++) {
            if (db[i] != 0) {
                return false;
            }
        }
        if (db[separator] != 0x01) {
            return false;
        }
        MessageDigest md = digest(algorithm);
        md.update(new byte[8]);
        md.update(digest);
        md.update(db, separator + 1, saltLength);
        return MessageDigest.isEqual(hash, md.digest());
    }

    static byte[] mgf1(DigestAlgorithm algorithm, byte[] seed, int length) {
        MessageDigest md = digest(algorithm);
        byte[] mask = new byte[length];
        byte[] counter = new byte[4];
        for (int offset = 0, i = 0; offset < length; i++) {
            counter[0] = (byte) (i >>> 24);
            counter[1] = (byte) (i >>> 16);
            counter[2] = (byte) (i >>> 8);
            counter[3] = (byte) i;
            md.update(seed);
            md.update(counter);
            byte[] block = md.digest();
            int n = Math.min(block.length, length - offset);
            System.arraycopy(block, 0, mask, offset, n);
            offset += n;
        }
        return mask;
    }

    private static MessageDigest digest(DigestAlgorithm algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.jcaName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm.jcaName() + " is missing from this JDK", e);
        }
    }
}
