package io.kyso.signer.signing.pades;

import io.kyso.signer.signing.SignerIdentity;
import com.itextpdf.signatures.IExternalSignature;
import com.itextpdf.signatures.ISignatureMechanismParams;
import io.kyso.hsm.DigestAlgorithm;
import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeySpec;
import io.kyso.hsm.SignatureScheme;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * iText's view of a citizen's key in the HSM: iText hands over the CMS signed attributes, they are
 * hashed here, and only the SHA-256 digest goes to the token, which verifies its own value before
 * returning it.
 */
final class HsmExternalSignature implements IExternalSignature {
    private final HsmToken hsm;
    private final SignerIdentity signer;
    private final KeySpec spec;

    HsmExternalSignature(HsmToken hsm, SignerIdentity signer) {
        this.hsm = hsm;
        this.signer = signer;
        this.spec = signer.spec();
    }

    @Override
    public String getDigestAlgorithmName() {
        return "SHA-256";
    }

    @Override
    public String getSignatureAlgorithmName() {
        return spec.isEc() ? "ECDSA" : "RSA";
    }

    @Override
    public ISignatureMechanismParams getSignatureMechanismParameters() {
        return null;
    }

    @Override
    public byte[] sign(byte[] message) {
        byte[] digest = sha256(message);
        SignatureScheme scheme = spec.isEc() ? SignatureScheme.ECDSA : SignatureScheme.RSA_PKCS1_V15;
        return signer.sign(hsm, DigestAlgorithm.SHA256, scheme, digest);
    }

    private static byte[] sha256(byte[] message) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
