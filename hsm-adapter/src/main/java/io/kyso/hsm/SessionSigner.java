package io.kyso.hsm;

import static sun.security.pkcs11.wrapper.PKCS11Constants.CKM_ECDSA;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS_PSS;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import sun.security.pkcs11.wrapper.CK_MECHANISM;
import sun.security.pkcs11.wrapper.CK_RSA_PKCS_PSS_PARAMS;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * Signs digests straight through PKCS#11 on a session the caller holds, with a private key's object
 * handle, and verifies every value with the {@link ValueVerifier} before handing it out. Used for
 * wrapped keys (unwrapped on that session) and for batches.
 */
final class SessionSigner {
    private final Cryptoki cryptoki;
    private final ValueVerifier verifier;

    SessionSigner(Cryptoki cryptoki, ValueVerifier verifier) {
        this.cryptoki = cryptoki;
        this.verifier = verifier;
    }

    /** A private key in the token, by handle, with the public key its values must verify with. */
    record KeyHandle(long handle, KeySpec spec, PublicKey publicKey, String name) {
    }

    byte[] sign(long session, KeyHandle key, DigestAlgorithm algorithm, SignatureScheme scheme, byte[] digest) {
        TokenSigner.checkRequest(key.spec(), algorithm, scheme, digest);
        byte[] value;
        try {
            value = switch (scheme) {
                case ECDSA -> EcdsaValues.toDer(raw(session, new CK_MECHANISM(CKM_ECDSA), key.handle(), digest));
                case RSA_PKCS1_V15 -> raw(session, new CK_MECHANISM(CKM_RSA_PKCS), key.handle(),
                        RsaEncoding.digestInfo(algorithm, digest));
                case RSA_PSS -> pss(session, key.handle(), algorithm, digest);
            };
        } catch (PKCS11Exception e) {
            throw new TokenUnavailableException("Token '" + cryptoki.label() + "' failed to sign with " + key.name()
                    + ": " + e.getMessage(), e);
        }
        if (!verifier.verifies(key.publicKey(), algorithm, scheme, digest, value)) {
            throw new SignatureVerificationException("Token '" + cryptoki.label() + "' returned a " + scheme
                    + " value that does not verify with the public key of " + key.name());
        }
        return value;
    }

    /** Every digest of the batch, in order, each value verified. */
    List<byte[]> signAll(long session, KeyHandle key, DigestBatch batch) {
        List<byte[]> values = new ArrayList<>(batch.size());
        for (byte[] digest : batch.digests()) {
            values.add(sign(session, key, batch.algorithm(), batch.scheme(), digest));
        }
        return List.copyOf(values);
    }

    private byte[] pss(long session, long key, DigestAlgorithm algorithm, byte[] digest) throws PKCS11Exception {
        CK_MECHANISM pss = new CK_MECHANISM(CKM_RSA_PKCS_PSS);
        pss.setParameter(new CK_RSA_PKCS_PSS_PARAMS(algorithm.jcaName(), "MGF1", algorithm.jcaName(),
                algorithm.length()));
        try {
            return raw(session, pss, key, digest);
        } finally {
            pss.freeHandle();
        }
    }

    private byte[] raw(long session, CK_MECHANISM mechanism, long key, byte[] input) throws PKCS11Exception {
        cryptoki.p11().C_SignInit(session, mechanism, key);
        return cryptoki.p11().C_Sign(session, input);
    }
}
