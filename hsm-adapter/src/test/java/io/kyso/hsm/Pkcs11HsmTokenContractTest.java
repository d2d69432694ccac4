package io.kyso.hsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kyso.hsm.testing.SoftHsm;
import io.kyso.hsm.testing.TestIssuers;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@link HsmToken} contract, against a real SoftHSM2 token. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Pkcs11HsmTokenContractTest {
    private static final byte[] DATA = "Kyso signs this".getBytes(StandardCharsets.UTF_8);

    private Pkcs11Config config;
    private HsmToken token;
    private final Map<KeySpec, KeyEntry> keys = new ConcurrentHashMap<>();

    @BeforeAll
    void openToken() {
        config = SoftHsm.freshToken("contract");
        token = Pkcs11HsmToken.open(config);
    }

    @AfterAll
    void closeToken() {
        token.close();
    }

    private KeyEntry key(KeySpec spec) {
        return keys.computeIfAbsent(spec, s -> token.generate("key-" + s, s, TestIssuers.selfSigned("Key " + s)));
    }

    @ParameterizedTest
    @EnumSource(KeySpec.class)
    void shouldNeverExportPrivateKey(KeySpec spec) throws Exception {
        KeyEntry entry = key(spec);
        try (TokenInspector inspector = TokenInspector.of(config)) {
            assertNull(inspector.privateKey(entry.alias()).getEncoded());
            TokenObjects.Protection protection = inspector.protection(entry.alias());
            assertTrue(protection.sensitive(), "CKA_SENSITIVE");
            assertFalse(protection.extractable(), "CKA_EXTRACTABLE");
            assertTrue(protection.neverExtractable(), "CKA_NEVER_EXTRACTABLE");
            assertTrue(protection.alwaysSensitive(), "CKA_ALWAYS_SENSITIVE");
        }
    }

    static Stream<Arguments> applicableCombinations() {
        List<Arguments> combinations = new ArrayList<>();
        for (KeySpec spec : KeySpec.values()) {
            for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
                for (SignatureScheme scheme : SignatureScheme.values()) {
                    if (spec.isEc() == (scheme == SignatureScheme.ECDSA)) {
                        combinations.add(Arguments.of(spec, algorithm, scheme));
                    }
                }
            }
        }
        return combinations.stream();
    }

    @ParameterizedTest
    @MethodSource("applicableCombinations")
    void shouldSignDigestsThatTheJdkVerifies(KeySpec spec, DigestAlgorithm algorithm, SignatureScheme scheme)
            throws Exception {
        KeyEntry entry = key(spec);
        byte[] value = token.signDigest(entry.alias(), algorithm, scheme, JdkVerifier.digest(algorithm, DATA));
        assertTrue(JdkVerifier.verifies(entry.publicKey(), algorithm, scheme, DATA, value));
        assertFalse(JdkVerifier.verifies(entry.publicKey(), algorithm, scheme, "other".getBytes(), value));
    }

    @Test
    void shouldReturnDerEncodedEcdsaValues() throws Exception {
        byte[] value = token.signDigest(key(KeySpec.EC_P256).alias(), DigestAlgorithm.SHA256, SignatureScheme.ECDSA,
                JdkVerifier.digest(DigestAlgorithm.SHA256, DATA));
        assertEquals(0x30, value[0] & 0xFF, "SEQUENCE");
        assertEquals(value.length - 2, value[1] & 0xFF, "definite short length covering the value");
        assertEquals(0x02, value[2] & 0xFF, "INTEGER r");
    }

    @ParameterizedTest
    @EnumSource(KeySpec.class)
    void shouldSelfSignWithTheKeyBeingGenerated(KeySpec spec) throws Exception {
        List<SignatureScheme> schemes = spec.isEc() ? List.of(SignatureScheme.ECDSA)
                : List.of(SignatureScheme.RSA_PKCS1_V15, SignatureScheme.RSA_PSS);
        for (SignatureScheme scheme : schemes) {
            if (spec == KeySpec.RSA_3072 && scheme == SignatureScheme.RSA_PKCS1_V15) {
                continue; // key(RSA_3072) already covers it; RSA-3072 generation is slow
            }
            String alias = "self-" + spec + "-" + scheme;
            KeyEntry entry = token.generate(alias, spec, TestIssuers.selfSigned(alias, scheme));
            entry.certificate().verify(entry.publicKey());
            assertEquals(spec, entry.spec());
        }
    }

    @Test
    void shouldPersistTheWholeChain() throws Exception {
        TestIssuers.TestCa ca = TestIssuers.softwareCa("CN=Kyso Test CA");
        token.generate("issued", KeySpec.EC_P256, TestIssuers.issuedBy(ca, "Issued"));
        try (HsmToken reopened = Pkcs11HsmToken.open(config)) {
            List<X509Certificate> chain = reopened.find("issued").orElseThrow().chain();
            assertEquals(2, chain.size());
            assertEquals(ca.certificate(), chain.get(1));
            chain.get(0).verify(ca.certificate().getPublicKey());
        }
    }

    @Test
    void shouldFindKeyAfterReopen() throws Exception {
        KeyEntry entry = key(KeySpec.EC_P256);
        try (HsmToken reopened = Pkcs11HsmToken.open(config)) {
            KeyEntry found = reopened.find(entry.alias()).orElseThrow();
            assertEquals(entry.certificate(), found.certificate());
            assertEquals(KeySpec.EC_P256, found.spec());
            byte[] value = reopened.signDigest(entry.alias(), DigestAlgorithm.SHA384, SignatureScheme.ECDSA,
                    JdkVerifier.digest(DigestAlgorithm.SHA384, DATA));
            assertTrue(JdkVerifier.verifies(found.publicKey(), DigestAlgorithm.SHA384, SignatureScheme.ECDSA, DATA, value));
        }
    }

    @Test
    void shouldFindAKeyThatAnotherInstanceStoredAfterThisOneOpened() throws Exception {
        try (HsmToken earlier = Pkcs11HsmToken.open(config)) {
            earlier.find("warm-up-" + UUID.randomUUID()); // this instance has listed the token's objects
            KeyEntry entry = key(KeySpec.EC_P256);          // stored through the other instance
            KeyEntry found = earlier.find(entry.alias()).orElseThrow();
            assertEquals(entry.certificate(), found.certificate());
            byte[] value = earlier.signDigest(entry.alias(), DigestAlgorithm.SHA256, SignatureScheme.ECDSA,
                    JdkVerifier.digest(DigestAlgorithm.SHA256, DATA));
            assertTrue(JdkVerifier.verifies(found.publicKey(), DigestAlgorithm.SHA256, SignatureScheme.ECDSA, DATA, value));
        }
    }

    @Test
    void shouldKeepSigningWhenAnotherInstanceOnTheSameTokenCloses() throws Exception {
        KeyEntry entry = key(KeySpec.RSA_2048);
        HsmToken other = Pkcs11HsmToken.open(config);
        other.find(entry.alias()).orElseThrow();
        other.close();
        System.gc(); // let SunPKCS11 close the other instance's sessions too
        for (SignatureScheme scheme : List.of(SignatureScheme.RSA_PKCS1_V15, SignatureScheme.RSA_PSS)) {
            byte[] value = token.signDigest(entry.alias(), DigestAlgorithm.SHA256, scheme,
                    JdkVerifier.digest(DigestAlgorithm.SHA256, DATA));
            assertTrue(JdkVerifier.verifies(entry.publicKey(), DigestAlgorithm.SHA256, scheme, DATA, value));
        }
        assertTrue(token.health().up());
    }

    @Test
    void shouldRejectUnknownAlias() {
        assertTrue(token.find("nobody").isEmpty());
        KeyNotFoundException e = assertThrows(KeyNotFoundException.class, () -> token.signDigest("nobody",
                DigestAlgorithm.SHA256, SignatureScheme.ECDSA, new byte[32]));
        assertEquals("nobody", e.alias());
        assertFalse(token.destroy("nobody"));
    }

    @Test
    void shouldRejectDuplicateAlias() {
        KeyEntry entry = key(KeySpec.EC_P256);
        assertThrows(IllegalArgumentException.class,
                () -> token.generate(entry.alias(), KeySpec.EC_P256, TestIssuers.selfSigned("Again")));
        assertEquals(entry.certificate(), token.find(entry.alias()).orElseThrow().certificate());
    }

    @Test
    void shouldRejectChainThatDoesNotCertifyTheKey() {
        assertThrows(IllegalArgumentException.class,
                () -> token.generate("mismatch", KeySpec.EC_P256, TestIssuers.certifyingAnotherKey()));
        assertTrue(token.find("mismatch").isEmpty());
        token.generate("mismatch", KeySpec.EC_P256, TestIssuers.selfSigned("Mismatch"));
        assertTrue(token.find("mismatch").isPresent());
    }

    @Test
    void shouldRemoveKeyOnDestroy() throws Exception {
        token.generate("doomed", KeySpec.EC_P256, TestIssuers.selfSigned("Doomed"));
        token.signDigest("doomed", DigestAlgorithm.SHA256, SignatureScheme.ECDSA, new byte[32]);
        assertTrue(token.destroy("doomed"));
        assertTrue(token.find("doomed").isEmpty());
        assertThrows(KeyNotFoundException.class,
                () -> token.signDigest("doomed", DigestAlgorithm.SHA256, SignatureScheme.ECDSA, new byte[32]));
        try (TokenInspector inspector = TokenInspector.of(config)) {
            assertEquals(-1, inspector.objects().findPrivateKey("doomed"));
        }
        try (HsmToken reopened = Pkcs11HsmToken.open(config)) {
            assertTrue(reopened.find("doomed").isEmpty());
        }
        token.generate("doomed", KeySpec.EC_P256, TestIssuers.selfSigned("Reborn"));
    }

    @Test
    void shouldRejectDigestOfWrongLength() {
        String alias = key(KeySpec.EC_P256).alias();
        assertThrows(IllegalArgumentException.class,
                () -> token.signDigest(alias, DigestAlgorithm.SHA384, SignatureScheme.ECDSA, new byte[32]));
        assertThrows(IllegalArgumentException.class,
                () -> token.signDigest(alias, DigestAlgorithm.SHA256, SignatureScheme.ECDSA, new byte[0]));
    }

    @Test
    void shouldRejectSchemeThatDoesNotFitTheKey() {
        assertThrows(IllegalArgumentException.class, () -> token.signDigest(key(KeySpec.EC_P256).alias(),
                DigestAlgorithm.SHA256, SignatureScheme.RSA_PSS, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> token.signDigest(key(KeySpec.RSA_2048).alias(),
                DigestAlgorithm.SHA256, SignatureScheme.ECDSA, new byte[32]));
    }

    @Test
    void shouldReportTokenUnavailableWhenTheKeyVanishesUnderneath() throws Exception {
        token.generate("vanishing", KeySpec.EC_P256, TestIssuers.selfSigned("Vanishing"));
        token.signDigest("vanishing", DigestAlgorithm.SHA256, SignatureScheme.ECDSA, new byte[32]);
        try (HsmToken other = Pkcs11HsmToken.open(config)) {
            assertTrue(other.destroy("vanishing"));
        }
        TokenUnavailableException e = assertThrows(TokenUnavailableException.class,
                () -> token.signDigest("vanishing", DigestAlgorithm.SHA256, SignatureScheme.ECDSA, new byte[32]));
        assertTrue(e.getMessage().contains("vanishing"), e.getMessage());
        assertThrows(KeyNotFoundException.class,
                () -> token.signDigest("vanishing", DigestAlgorithm.SHA256, SignatureScheme.ECDSA, new byte[32]));
    }

    @Test
    void shouldReportHealthWithARealProbe() {
        TokenHealth health = token.health();
        assertTrue(health.up(), health.detail());
        assertEquals(config.tokenLabel(), health.tokenLabel());
        HsmToken closed = Pkcs11HsmToken.open(config);
        closed.close();
        assertFalse(closed.health().up());
        assertThrows(IllegalStateException.class, () -> closed.find("x"));
    }

    @Test
    void shouldKeepSignaturesOfSameDigestVerifiableForEveryScheme() throws Exception {
        byte[] digest = JdkVerifier.digest(DigestAlgorithm.SHA512, DATA);
        KeyEntry rsa = key(KeySpec.RSA_2048);
        byte[] first = token.signDigest(rsa.alias(), DigestAlgorithm.SHA512, SignatureScheme.RSA_PKCS1_V15, digest);
        byte[] second = token.signDigest(rsa.alias(), DigestAlgorithm.SHA512, SignatureScheme.RSA_PKCS1_V15, digest);
        assertArrayEquals(first, second, "PKCS#1 v1.5 is deterministic");
        byte[] pss = token.signDigest(rsa.alias(), DigestAlgorithm.SHA512, SignatureScheme.RSA_PSS, digest);
        assertFalse(java.util.Arrays.equals(pss,
                token.signDigest(rsa.alias(), DigestAlgorithm.SHA512, SignatureScheme.RSA_PSS, digest)), "PSS is salted");
    }
}
