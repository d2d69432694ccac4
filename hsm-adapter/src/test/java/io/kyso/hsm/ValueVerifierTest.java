package io.kyso.hsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kyso.hsm.testing.SoftHsm;
import io.kyso.hsm.testing.TestIssuers;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A verifier the caller passes is the one that checks every value, and its refusal stops the value. */
class ValueVerifierTest {

    @Test
    void shouldCheckEveryValueWithTheGivenVerifierAndRefuseWhatItRejects() throws Exception {
        List<byte[]> checked = new ArrayList<>();
        boolean[] accept = {true};
        ValueVerifier recording = (key, algorithm, scheme, digest, value) -> {
            checked.add(value);
            return accept[0] && ValueVerifier.jdk().verifies(key, algorithm, scheme, digest, value);
        };
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("dossier".getBytes());
        try (HsmToken token = Pkcs11HsmToken.open(SoftHsm.freshToken("verifier"), recording)) {
            token.generate("k", KeySpec.EC_P256, TestIssuers.selfSigned("Verifier"));
            int before = checked.size(); // the self-signed certificate's own signature was checked too
            byte[] value = token.signDigest("k", DigestAlgorithm.SHA256, SignatureScheme.ECDSA, digest);
            assertEquals(before + 1, checked.size());
            assertArrayEquals(value, checked.get(checked.size() - 1));

            accept[0] = false;
            SignatureVerificationException refused = assertThrows(SignatureVerificationException.class,
                    () -> token.signDigest("k", DigestAlgorithm.SHA256, SignatureScheme.ECDSA, digest));
            assertTrue(refused.getMessage().contains("'k'"), refused.getMessage());
        }
    }
}
