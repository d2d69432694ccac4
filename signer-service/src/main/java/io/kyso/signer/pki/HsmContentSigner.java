package io.kyso.signer.pki;

import io.kyso.hsm.DigestAlgorithm;
import io.kyso.hsm.DigestSigner;
import io.kyso.hsm.HsmException;
import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeyEntry;
import io.kyso.hsm.KeySpec;
import io.kyso.hsm.SignatureScheme;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A Bouncy Castle {@link ContentSigner} whose key stays in the HSM: the content is hashed here and
 * only the SHA-256 digest goes to the token. Use one instance per signature.
 */
public final class HsmContentSigner implements ContentSigner {
    private final DigestSigner key;
    private final SignatureScheme scheme;
    private final AlgorithmIdentifier algorithm;
    private final MessageDigest digest;
    private final OutputStream stream;

    /** A signer for the key stored in {@code hsm} as {@code key} (a CA, the timestamping unit, a responder). */
    public static HsmContentSigner of(HsmToken hsm, KeyEntry key) {
        return new HsmContentSigner((digest, scheme, value) -> hsm.signDigest(key.alias(), digest, scheme, value),
                key.spec());
    }

    HsmContentSigner(DigestSigner key, KeySpec spec) {
        this.key = key;
        this.scheme = spec.isEc() ? SignatureScheme.ECDSA : SignatureScheme.RSA_PKCS1_V15;
        this.algorithm = new DefaultSignatureAlgorithmIdentifierFinder().find(spec.isEc() ? "SHA256withECDSA" : "SHA256withRSA");
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.stream = new DigestOutputStream(OutputStream.nullOutputStream(), digest);
    }

    /**
     * What to throw for a failure of a Bouncy Castle builder that signed with this signer: the
     * HSM's own failure if that was the cause (the builders wrap it, and an HSM that is away must
     * stay a 503), else an {@link IllegalStateException} saying {@code what} failed.
     */
    public static RuntimeException failure(String what, Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HsmException hsm) {
                return hsm;
            }
        }
        return new IllegalStateException(what, e);
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
    }

    @Override
    public OutputStream getOutputStream() {
        return stream;
    }

    @Override
    public byte[] getSignature() {
        return key.sign(DigestAlgorithm.SHA256, scheme, digest.digest());
    }
}
