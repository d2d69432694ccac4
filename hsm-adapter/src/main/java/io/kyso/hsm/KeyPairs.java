package io.kyso.hsm;

import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_CERTIFICATE_TYPE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_CLASS;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_DECRYPT;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_DERIVE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_EC_PARAMS;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_EC_POINT;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_EXTRACTABLE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_ID;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_ISSUER;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_LABEL;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_MODULUS;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_MODULUS_BITS;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_PRIVATE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_PUBLIC_EXPONENT;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_SENSITIVE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_SERIAL_NUMBER;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_SIGN;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_SUBJECT;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_TOKEN;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_UNWRAP;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_VALUE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_VERIFY;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKC_X_509;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKM_EC_KEY_PAIR_GEN;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS_KEY_PAIR_GEN;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKO_CERTIFICATE;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.CK_MECHANISM;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * Key pairs generated straight through PKCS#11 as session objects, on a session the caller holds,
 * and stored as token objects laid out as SunPKCS11's key store lays them out (so that it lists
 * them): the private key copied with {@code CKA_ID} = alias, the certificate labelled and identified
 * by the alias, the chain's CA certificates once each.
 *
 * <p>The adapter does not let SunPKCS11 generate keys: SunPKCS11 destroys a session key it made when
 * the Java object is garbage collected, from its cleaner thread, with the handle numbers of the time;
 * after a re-initialisation of the library ({@link CryptokiLibrary}) those numbers may name other
 * objects. Here the session objects die with the caller's session, deterministically.
 */
final class KeyPairs {
    /** DER of the P-256 curve's OID (1.2.840.10045.3.1.7), as CKA_EC_PARAMS. */
    private static final byte[] P256_PARAMS = HexFormat.of().parseHex("06082a8648ce3d030107");
    /** SubjectPublicKeyInfo of a P-256 key, up to the 65-byte uncompressed point. */
    private static final byte[] P256_SPKI_PREFIX =
            HexFormat.of().parseHex("3059301306072a8648ce3d020106082a8648ce3d030107034200");
    /** Separates the parts of a CA certificate's CKA_ID, as SunPKCS11's key store does. */
    private static final String ID_DELIMITER = "/";

    private final Cryptoki cryptoki;

    KeyPairs(Cryptoki cryptoki) {
        this.cryptoki = cryptoki;
    }

    /**
     * A key pair as session objects, the private half sensitive and for signing only.
     *
     * @param extractable whether the private key may be wrapped (a wrapped credential) or never leaves
     * @return {public key handle, private key handle}
     */
    long[] generate(long session, KeySpec spec, boolean extractable) throws PKCS11Exception {
        CK_MECHANISM mechanism = new CK_MECHANISM(spec.isEc() ? CKM_EC_KEY_PAIR_GEN : CKM_RSA_PKCS_KEY_PAIR_GEN);
        CK_ATTRIBUTE[] publicTemplate = spec.isEc()
                ? new CK_ATTRIBUTE[] {
                    new CK_ATTRIBUTE(CKA_TOKEN, false),
                    new CK_ATTRIBUTE(CKA_VERIFY, true),
                    new CK_ATTRIBUTE(CKA_EC_PARAMS, P256_PARAMS),
                }
                : new CK_ATTRIBUTE[] {
                    new CK_ATTRIBUTE(CKA_TOKEN, false),
                    new CK_ATTRIBUTE(CKA_VERIFY, true),
                    new CK_ATTRIBUTE(CKA_MODULUS_BITS, (long) spec.size()),
                    new CK_ATTRIBUTE(CKA_PUBLIC_EXPONENT, BigInteger.valueOf(65537)),
                };
        CK_ATTRIBUTE[] privateTemplate = {
            new CK_ATTRIBUTE(CKA_TOKEN, false),
            new CK_ATTRIBUTE(CKA_PRIVATE, true),
            new CK_ATTRIBUTE(CKA_SENSITIVE, true),
            new CK_ATTRIBUTE(CKA_EXTRACTABLE, extractable),
            new CK_ATTRIBUTE(CKA_SIGN, true),
            new CK_ATTRIBUTE(CKA_DECRYPT, false),
            new CK_ATTRIBUTE(CKA_UNWRAP, false),
            new CK_ATTRIBUTE(CKA_DERIVE, false),
        };
        return cryptoki.p11().C_GenerateKeyPair(session, mechanism, publicTemplate, privateTemplate);
    }

    /** The public key object {@code handle} as a JDK key. */
    PublicKey publicKey(long session, KeySpec spec, long handle) throws PKCS11Exception {
        try {
            if (spec.isEc()) {
                CK_ATTRIBUTE[] point = {new CK_ATTRIBUTE(CKA_EC_POINT)};
                cryptoki.p11().C_GetAttributeValue(session, handle, point);
                byte[] encoded = uncompressedPoint(point[0].getByteArray());
                byte[] spki = Arrays.copyOf(P256_SPKI_PREFIX, P256_SPKI_PREFIX.length + encoded.length);
                System.arraycopy(encoded, 0, spki, P256_SPKI_PREFIX.length, encoded.length);
                return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
            }
            CK_ATTRIBUTE[] rsa = {new CK_ATTRIBUTE(CKA_MODULUS), new CK_ATTRIBUTE(CKA_PUBLIC_EXPONENT)};
            cryptoki.p11().C_GetAttributeValue(session, handle, rsa);
            return KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(rsa[0].getBigInteger(), rsa[1].getBigInteger()));
        } catch (GeneralSecurityException e) {
            throw new HsmException("Token '" + cryptoki.label() + "' returned an unreadable " + spec + " public key: "
                    + e.getMessage(), e);
        }
    }

    /** CKA_EC_POINT is a DER OCTET STRING around the point (PKCS#11 2.40); some tokens give the bare point. */
    private static byte[] uncompressedPoint(byte[] value) {
        if (value.length == 67 && value[0] == 0x04 && value[1] == 65 && value[2] == 0x04) {
            return Arrays.copyOfRange(value, 2, 67);
        }
        if (value.length == 65 && value[0] == 0x04) {
            return value;
        }
        throw new HsmException("unexpected CKA_EC_POINT of " + value.length + " bytes for a P-256 key");
    }

    /**
     * Copies the session private key into a token object identified by {@code alias}, and stores the
     * chain's certificates, on a read-write session.
     */
    void store(long session, long privateKey, String alias, List<X509Certificate> chain) throws PKCS11Exception {
        try {
            cryptoki.p11().C_CopyObject(session, privateKey, new CK_ATTRIBUTE[] {
                new CK_ATTRIBUTE(CKA_TOKEN, true),
                new CK_ATTRIBUTE(CKA_ID, alias), // a String, as SunPKCS11's key store writes it
            });
            storeCertificate(session, chain.get(0), alias, alias);
            for (X509Certificate ca : chain.subList(1, chain.size())) {
                if (!hasCertificate(session, ca)) {
                    storeCertificate(session, ca, null, caId(ca));
                }
            }
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the issuer returned an unencodable certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Destroys every token object identified by {@code alias} (the key and its certificate): what a
     * store that failed half-way left behind, before it is made again.
     *
     * @return how many objects were destroyed
     */
    int removeStored(long session, String alias) throws PKCS11Exception {
        cryptoki.p11().C_FindObjectsInit(session, new CK_ATTRIBUTE[] {
            new CK_ATTRIBUTE(CKA_TOKEN, true),
            new CK_ATTRIBUTE(CKA_ID, alias),
        });
        long[] found;
        try {
            found = cryptoki.p11().C_FindObjects(session, 16);
        } finally {
            cryptoki.p11().C_FindObjectsFinal(session);
        }
        for (long handle : found) {
            cryptoki.p11().C_DestroyObject(session, handle);
        }
        return found.length;
    }

    private void storeCertificate(long session, X509Certificate certificate, String label, String id)
            throws PKCS11Exception, CertificateEncodingException {
        List<CK_ATTRIBUTE> attributes = new java.util.ArrayList<>(List.of(
                new CK_ATTRIBUTE(CKA_TOKEN, true),
                new CK_ATTRIBUTE(CKA_CLASS, CKO_CERTIFICATE),
                new CK_ATTRIBUTE(CKA_CERTIFICATE_TYPE, CKC_X_509),
                new CK_ATTRIBUTE(CKA_SUBJECT, certificate.getSubjectX500Principal().getEncoded()),
                new CK_ATTRIBUTE(CKA_ISSUER, certificate.getIssuerX500Principal().getEncoded()),
                new CK_ATTRIBUTE(CKA_SERIAL_NUMBER, certificate.getSerialNumber().toByteArray()),
                new CK_ATTRIBUTE(CKA_VALUE, certificate.getEncoded()),
                new CK_ATTRIBUTE(CKA_ID, id)));
        if (label != null) {
            attributes.add(new CK_ATTRIBUTE(CKA_LABEL, label));
        }
        cryptoki.p11().C_CreateObject(session, attributes.toArray(new CK_ATTRIBUTE[0]));
    }

    private boolean hasCertificate(long session, X509Certificate certificate)
            throws PKCS11Exception, CertificateEncodingException {
        cryptoki.p11().C_FindObjectsInit(session, new CK_ATTRIBUTE[] {
            new CK_ATTRIBUTE(CKA_TOKEN, true),
            new CK_ATTRIBUTE(CKA_CLASS, CKO_CERTIFICATE),
            new CK_ATTRIBUTE(CKA_VALUE, certificate.getEncoded()),
        });
        try {
            return cryptoki.p11().C_FindObjects(session, 1).length > 0;
        } finally {
            cryptoki.p11().C_FindObjectsFinal(session);
        }
    }

    /** A CA certificate's CKA_ID as SunPKCS11's key store makes it: subject, issuer, serial number. */
    private static String caId(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName(X500Principal.CANONICAL) + ID_DELIMITER
                + certificate.getIssuerX500Principal().getName(X500Principal.CANONICAL) + ID_DELIMITER
                + certificate.getSerialNumber();
    }
}
