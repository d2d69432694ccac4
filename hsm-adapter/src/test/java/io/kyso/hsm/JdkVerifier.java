package io.kyso.hsm;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/** Verifies a value over the data itself with the JDK's own providers, as a relying party would. */
final class JdkVerifier {
    private JdkVerifier() {
    }

    static boolean verifies(PublicKey key, DigestAlgorithm algorithm, SignatureScheme scheme, byte[] data, byte[] value)
            throws Exception {
        Signature verifier = Signature.getInstance(scheme.jcaVerifyName(algorithm));
        if (scheme == SignatureScheme.RSA_PSS) {
            verifier.setParameter(new PSSParameterSpec(algorithm.jcaName(), "MGF1",
                    new MGF1ParameterSpec(algorithm.jcaName()), algorithm.length(), PSSParameterSpec.TRAILER_FIELD_BC));
        }
        verifier.initVerify(key);
        verifier.update(data);
        return verifier.verify(value);
    }

    static byte[] digest(DigestAlgorithm algorithm, byte[] data) throws Exception {
        return MessageDigest.getInstance(algorithm.jcaName()).digest(data);
    }
}
