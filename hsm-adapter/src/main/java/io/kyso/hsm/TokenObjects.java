package io.kyso.hsm;

import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_ALWAYS_SENSITIVE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_CLASS;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_EXTRACTABLE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_ID;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_LABEL;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_NEVER_EXTRACTABLE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_SENSITIVE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_TOKEN;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS_PSS;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKO_CERTIFICATE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;

import java.nio.charset.StandardCharsets;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.CK_MECHANISM;
import sun.security.pkcs11.wrapper.CK_RSA_PKCS_PSS_PARAMS;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * Direct operations on a token's objects that SunPKCS11 does not offer: finding the handle of a
 * private key, reading its protection attributes, and RSA-PSS over a precomputed digest (SunPKCS11's
 * {@code RSASSA-PSS} hashes its input itself, so it cannot sign a digest).
 */
final class TokenObjects {
    private final Cryptoki cryptoki;

    TokenObjects(Cryptoki cryptoki) {
        this.cryptoki = cryptoki;
    }

    /** What the token says about a private key's exposure. */
    record Protection(boolean sensitive, boolean extractable, boolean neverExtractable, boolean alwaysSensitive) {
        boolean locked() {
            return sensitive && !extractable && neverExtractable && alwaysSensitive;
        }
    }

    /**
     * The private key stored under {@code alias} the way SunPKCS11's key store stores it: its
     * certificate is labelled with the alias and shares its CKA_ID with the key.
     *
     * @return the key's object handle, or -1 if there is none
     */
    long findPrivateKey(String alias) throws PKCS11Exception {
        return cryptoki.withSession(session -> {
            long certificate = findOne(session, new CK_ATTRIBUTE[] {
                new CK_ATTRIBUTE(CKA_CLASS, CKO_CERTIFICATE),
                new CK_ATTRIBUTE(CKA_TOKEN, true),
                new CK_ATTRIBUTE(CKA_LABEL, alias), // a String, UTF-8 encoded, as SunPKCS11 writes it
            });
            if (certificate < 0) {
                return -1L;
            }
            CK_ATTRIBUTE[] id = {new CK_ATTRIBUTE(CKA_ID)};
            cryptoki.p11().C_GetAttributeValue(session, certificate, id);
            return findOne(session, new CK_ATTRIBUTE[] {
                new CK_ATTRIBUTE(CKA_CLASS, CKO_PRIVATE_KEY),
                new CK_ATTRIBUTE(CKA_TOKEN, true),
                new CK_ATTRIBUTE(CKA_ID, id[0].getByteArray()),
            });
        });
    }

    private long findOne(long session, CK_ATTRIBUTE[] template) throws PKCS11Exception {
        cryptoki.p11().C_FindObjectsInit(session, template);
        try {
            long[] found = cryptoki.p11().C_FindObjects(session, 2);
            if (found.length > 1) {
                throw new HsmException("More than one object in token '" + cryptoki.label() + "' matches "
                        + describe(template));
            }
            return found.length == 0 ? -1 : found[0];
        } finally {
            cryptoki.p11().C_FindObjectsFinal(session);
        }
    }

    private static String describe(CK_ATTRIBUTE[] template) {
        StringBuilder text = new StringBuilder();
        for (CK_ATTRIBUTE attribute : template) {
            if (attribute.type == CKA_LABEL || attribute.type == CKA_ID) {
                Object value = attribute.pValue;
                text.append(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                        : String.valueOf(value)).append(' ');
            }
        }
        return text.toString().trim();
    }

    Protection protection(long privateKey) throws PKCS11Exception {
        CK_ATTRIBUTE[] attributes = {
            new CK_ATTRIBUTE(CKA_SENSITIVE),
            new CK_ATTRIBUTE(CKA_EXTRACTABLE),
            new CK_ATTRIBUTE(CKA_NEVER_EXTRACTABLE),
            new CK_ATTRIBUTE(CKA_ALWAYS_SENSITIVE),
        };
        cryptoki.withSession(session -> {
            cryptoki.p11().C_GetAttributeValue(session, privateKey, attributes);
            return null;
        });
        return new Protection(attributes[0].getBoolean(), attributes[1].getBoolean(),
                attributes[2].getBoolean(), attributes[3].getBoolean());
    }

    /** RSASSA-PSS (CKM_RSA_PKCS_PSS) of a digest, MGF1 over the same hash, salt as long as the digest. */
    byte[] signPss(long privateKey, DigestAlgorithm algorithm, byte[] digest) throws PKCS11Exception {
        return cryptoki.withSession(session -> {
            CK_MECHANISM mechanism = new CK_MECHANISM(CKM_RSA_PKCS_PSS);
            mechanism.setParameter(new CK_RSA_PKCS_PSS_PARAMS(algorithm.jcaName(), "MGF1", algorithm.jcaName(),
                    algorithm.length()));
            try {
                cryptoki.p11().C_SignInit(session, mechanism, privateKey);
                return cryptoki.p11().C_Sign(session, digest);
            } finally {
                mechanism.freeHandle();
            }
        });
    }
}
