package io.kyso.hsm;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;

/**
 * Checks a signature value over a digest with the public key, in software (the JDK's default
 * providers, never the token), before the adapter returns it.
 */
final class SignatureVerifier {
    private SignatureVerifier() {
    }

    static boolean verifies(PublicKey key, DigestAlgorithm algorithm, SignatureScheme scheme, byte[] digest,
            byte[] value) {
        return switch (scheme) {
            case ECDSA -> ecdsa(key, digest, value);
            case RSA_PKCS1_V15 -> pkcs1(rsa(key), algorithm, digest, value);
            case RSA_PSS -> pss(rsa(key), algorithm, digest, value);
        };
    }

    /** NONEwithECDSA takes the digest itself and a DER-encoded value. */
    private static boolean ecdsa(PublicKey key, byte[] digest, byte[] value) {
        try {
            Signature verifier = Signature.getInstance("NONEwithECDSA");
            verifier.initVerify(key);
            verifier.update(digest);
            return verifier.verify(value);
        } catch (SignatureException e) {
            return false; // not a DER ECDSA value
        } catch (GeneralSecurityException e) {
            throw new HsmException("Cannot verify an ECDSA value in software: " + e.getMessage(), e);
        }
    }

    private static boolean pkcs1(RSAPublicKey key, DigestAlgorithm algorithm, byte[] digest, byte[] value) {
        int length = (key.getModulus().bitLength() + 7) / 8;
        byte[] recovered = publicOperation(key, value, length);
        return recovered != null
                && MessageDigest.isEqual(recovered, RsaEncoding.emsaPkcs1(algorithm, digest, length));
    }

    private static boolean pss(RSAPublicKey key, DigestAlgorithm algorithm, byte[] digest, byte[] value) {
        int emBits = key.getModulus().bitLength() - 1;
        byte[] encoded = publicOperation(key, value, (emBits + 7) / 8);
        return encoded != null && RsaEncoding.pssConsistent(encoded, emBits, algorithm, digest, algorithm.length());
    }

    /** RSAVP1 then I2OSP: {@code value^e mod n} as {@code length} bytes, or null if it is no valid value. */
    private static byte[] publicOperation(RSAPublicKey key, byte[] value, int length) {
        BigInteger modulus = key.getModulus();
        if (value.length != (modulus.bitLength() + 7) / 8) {
            return null;
        }
        BigInteger s = new BigInteger(1, value);
        if (s.compareTo(modulus) >= 0) {
            return null;
        }
        byte[] m = s.modPow(key.getPublicExponent(), modulus).toByteArray();
        int start = m.length > 1 && m[0] == 0 ? 1 : 0;
        int size = m.length - start;
        if (size > length) {
            return null;
        }
        byte[] fixed = new byte[length];
        System.arraycopy(m, start, fixed, length - size, size);
        return fixed;
    }

    private static RSAPublicKey rsa(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa;
        }
        throw new IllegalArgumentException("an RSA scheme needs an RSA key, not " + key.getAlgorithm());
    }
}
