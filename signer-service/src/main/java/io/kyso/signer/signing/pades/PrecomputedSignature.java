package io.kyso.signer.signing.pades;

import com.itextpdf.kernel.crypto.DigestAlgorithms;
import com.itextpdf.signatures.IExternalSignature;
import com.itextpdf.signatures.ISignatureMechanismParams;
import com.itextpdf.signatures.RSASSAPSSMechanismParams;
import io.kyso.hsm.SignatureScheme;
import io.kyso.signer.signing.SignatureValue;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SignatureException;

/**
 * iText's view of a signature value the HSM already made: when iText asks to sign the CMS signed
 * attributes, they must hash to exactly what the key signed — otherwise the value would sign other
 * bytes than the ones that go into the PDF, and this refuses.
 */
final class PrecomputedSignature implements IExternalSignature {
    private final SignatureValue value;

    PrecomputedSignature(SignatureValue value) {
        this.value = value;
    }

    /** iText's own name for the hash ("SHA256"), from which it derives the signature algorithm's OID. */
    @Override
    public String getDigestAlgorithmName() {
        return DigestAlgorithms.getDigest(value.signed().digestAlgorithm().oid());
    }

    @Override
    public String getSignatureAlgorithmName() {
        return switch (value.signed().scheme()) {
            case ECDSA -> "ECDSA";
            case RSA_PKCS1_V15 -> "RSA";
            case RSA_PSS -> "RSASSA-PSS";
        };
    }

    /** For RSASSA-PSS: MGF1 over the same hash and a salt as long as the hash, as the HSM signs. */
    @Override
    public ISignatureMechanismParams getSignatureMechanismParameters() {
        return value.signed().scheme() == SignatureScheme.RSA_PSS
                ? RSASSAPSSMechanismParams.createForDigestAlgorithm(getDigestAlgorithmName()) : null;
    }

    @Override
    public byte[] sign(byte[] message) throws SignatureException {
        if (!MessageDigest.isEqual(digest(message), value.signed().digest())) {
            throw new SignatureException("the signed attributes changed between preparing and assembling the signature");
        }
        return value.value();
    }

    private byte[] digest(byte[] message) throws SignatureException {
        try {
            return MessageDigest.getInstance(value.signed().digestAlgorithm().jcaName()).digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new SignatureException(e);
        }
    }
}
