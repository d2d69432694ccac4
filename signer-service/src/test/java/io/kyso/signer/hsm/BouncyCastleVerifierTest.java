package io.kyso.signer.hsm;

import io.kyso.hsm.DigestAlgorithm;
import io.kyso.hsm.SignatureScheme;
import io.kyso.hsm.ValueVerifier;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The faster verifier agrees with the JDK's: accepts the right values, refuses everything else. */
class BouncyCastleVerifierTest {
    private final ValueVerifier verifier = new BouncyCastleVerifier();

    @Test
    void shouldAcceptWhatTheJdkAcceptsAndRefuseTamperedEcdsaValues() throws Exception {
        KeyPair pair = ecPair();
        KeyPair other = ecPair();
        for (int i = 0; i < 50; i++) {
            byte[] digest = sha256("document " + i);
            byte[] value = sign("NONEwithECDSA", pair, digest);
            assertTrue(verifier.verifies(pair.getPublic(), DigestAlgorithm.SHA256, SignatureScheme.ECDSA, digest, value));
            assertFalse(verifier.verifies(other.getPublic(), DigestAlgorithm.SHA256, SignatureScheme.ECDSA, digest, value));
            assertFalse(verifier.verifies(pair.getPublic(), DigestAlgorithm.SHA256, SignatureScheme.ECDSA,
                    sha256("another document"), value));
            byte[] tampered = value.clone();
            tampered[tampered.length - 1] ^= 1;
            assertFalse(verifier.verifies(pair.getPublic(), DigestAlgorithm.SHA256, SignatureScheme.ECDSA, digest, tampered));
        }
    }

    @Test
    void shouldRefuseEcdsaValuesThatAreNotStrictDer() throws Exception {
        KeyPair pair = ecPair();
        byte[] digest = sha256("dossier");
        byte[] value = sign("NONEwithECDSA", pair, digest);
        byte[] trailing = Arrays.copyOf(value, value.length + 1);
        assertFalse(verifier.verifies(pair.getPublic(), DigestAlgorithm.SHA256, SignatureScheme.ECDSA, digest, trailing));
        assertFalse(verifier.verifies(pair.getPublic(), DigestAlgorithm.SHA256, SignatureScheme.ECDSA, digest,
                HexFormat.of().parseHex("3006020100020100")));
        assertFalse(verifier.verifies(pair.getPublic(), DigestAlgorithm.SHA256, SignatureScheme.ECDSA, digest, new byte[64]));
    }

    @Test
    void shouldVerifyRsaValuesAsTheJdkPathDoes() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        byte[] digest = sha256("dossier");
        byte[] value = sign("SHA256withRSA", pair, "dossier".getBytes());
        assertTrue(verifier.verifies(pair.getPublic(), DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1_V15, digest, value));
        value[10] ^= 1;
        assertFalse(verifier.verifies(pair.getPublic(), DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1_V15, digest, value));
    }

    private static KeyPair ecPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static byte[] sign(String algorithm, KeyPair pair, byte[] input) throws Exception {
        Signature signature = Signature.getInstance(algorithm);
        signature.initSign(pair.getPrivate());
        signature.update(input);
        return signature.sign();
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes());
    }
}
