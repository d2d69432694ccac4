package io.kyso.hsm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The software check that stands between the token and the caller accepts good values and nothing else. */
class SignatureVerifierTest {
    private static final byte[] DATA = "data".getBytes();
    private static KeyPair ec;
    private static KeyPair rsa;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        ec = generator.generateKeyPair();
        generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = generator.generateKeyPair();
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void shouldAcceptOnlyTheRightEcdsaValue(DigestAlgorithm algorithm) throws Exception {
        byte[] value = jdkSign(ec, algorithm.jcaName().replace("-", "") + "withECDSA", null);
        assertVerdicts(ec, algorithm, SignatureScheme.ECDSA, value);
        assertFalse(SignatureVerifier.verifies(ec.getPublic(), algorithm, SignatureScheme.ECDSA,
                JdkVerifier.digest(algorithm, DATA), rawEcdsa(value)), "r||s is not DER");
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void shouldAcceptOnlyTheRightPkcs1Value(DigestAlgorithm algorithm) throws Exception {
        byte[] value = jdkSign(rsa, algorithm.jcaName().replace("-", "") + "withRSA", null);
        assertVerdicts(rsa, algorithm, SignatureScheme.RSA_PKCS1_V15, value);
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void shouldAcceptOnlyTheRightPssValue(DigestAlgorithm algorithm) throws Exception {
        PSSParameterSpec pss = new PSSParameterSpec(algorithm.jcaName(), "MGF1",
                new MGF1ParameterSpec(algorithm.jcaName()), algorithm.length(), 1);
        byte[] value = jdkSign(rsa, "RSASSA-PSS", pss);
        assertVerdicts(rsa, algorithm, SignatureScheme.RSA_PSS, value);
        PSSParameterSpec shortSalt = new PSSParameterSpec(algorithm.jcaName(), "MGF1",
                new MGF1ParameterSpec(algorithm.jcaName()), 0, 1);
        assertFalse(SignatureVerifier.verifies(rsa.getPublic(), algorithm, SignatureScheme.RSA_PSS,
                JdkVerifier.digest(algorithm, DATA), jdkSign(rsa, "RSASSA-PSS", shortSalt)), "salt length differs");
    }

    private static void assertVerdicts(KeyPair pair, DigestAlgorithm algorithm, SignatureScheme scheme, byte[] value)
            throws Exception {
        byte[] digest = JdkVerifier.digest(algorithm, DATA);
        assertTrue(SignatureVerifier.verifies(pair.getPublic(), algorithm, scheme, digest, value));
        byte[] tampered = value.clone();
        tampered[tampered.length / 2] ^= 0x01;
        assertFalse(SignatureVerifier.verifies(pair.getPublic(), algorithm, scheme, digest, tampered));
        byte[] otherDigest = digest.clone();
        otherDigest[0] ^= 0x01;
        assertFalse(SignatureVerifier.verifies(pair.getPublic(), algorithm, scheme, otherDigest, value));
        assertFalse(SignatureVerifier.verifies(pair.getPublic(), algorithm, scheme, digest,
                Arrays.copyOf(value, value.length - 1)));
    }

    private static byte[] jdkSign(KeyPair pair, String algorithm, PSSParameterSpec parameters) throws Exception {
        Signature signer = Signature.getInstance(algorithm);
        if (parameters != null) {
            signer.setParameter(parameters);
        }
        signer.initSign(pair.getPrivate());
        signer.update(DATA);
        return signer.sign();
    }

    /** The DER value re-encoded as fixed-length r||s. */
    private static byte[] rawEcdsa(byte[] der) {
        int rLength = der[3];
        BigInteger r = new BigInteger(Arrays.copyOfRange(der, 4, 4 + rLength));
        int sOffset = 4 + rLength + 2;
        BigInteger s = new BigInteger(Arrays.copyOfRange(der, sOffset, sOffset + der[sOffset - 1]));
        byte[] raw = new byte[64];
        copyFixed(r, raw, 0);
        copyFixed(s, raw, 32);
        return raw;
    }

    private static void copyFixed(BigInteger value, byte[] target, int offset) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 32 ? bytes.length - 32 : 0;
        System.arraycopy(bytes, start, target, offset + 32 - (bytes.length - start), bytes.length - start);
    }
}
