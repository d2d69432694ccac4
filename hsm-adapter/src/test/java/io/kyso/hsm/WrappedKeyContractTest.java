package io.kyso.hsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kyso.hsm.testing.SoftHsm;
import io.kyso.hsm.testing.TestIssuers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.CK_MECHANISM;
import sun.security.pkcs11.wrapper.PKCS11Constants;

/** Keys kept outside the token, wrapped under a token-resident AES key, against a real SoftHSM2 token. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WrappedKeyContractTest {
    private static final String WRAP = "kyso-citizen-wrap";
    private static final byte[] DATA = "Kyso signs this".getBytes(StandardCharsets.UTF_8);

    private Pkcs11Config config;
    private HsmToken token;
    private final Map<KeySpec, WrappedKey> keys = new ConcurrentHashMap<>();

    @BeforeAll
    void openToken() {
        config = SoftHsm.freshToken("wrapped");
        token = Pkcs11HsmToken.open(config);
        token.requireWrappingKey(WRAP, true);
    }

    @AfterAll
    void closeToken() {
        token.close();
    }

    private WrappedKey key(KeySpec spec) {
        return keys.computeIfAbsent(spec, s -> token.generateWrapped(WRAP, s, TestIssuers.selfSigned("Wrapped " + s)));
    }

    static Stream<Arguments> applicableCombinations() {
        return Pkcs11HsmTokenContractTest.applicableCombinations();
    }

    @ParameterizedTest
    @MethodSource("applicableCombinations")
    void shouldSignDigestsThatTheJdkVerifies(KeySpec spec, DigestAlgorithm algorithm, SignatureScheme scheme)
            throws Exception {
        WrappedKey key = key(spec);
        byte[] value = token.signDigest(key, algorithm, scheme, JdkVerifier.digest(algorithm, DATA));
        assertTrue(JdkVerifier.verifies(key.publicKey(), algorithm, scheme, DATA, value));
        assertFalse(JdkVerifier.verifies(key.publicKey(), algorithm, scheme, "other".getBytes(), value));
    }

    @ParameterizedTest
    @EnumSource(KeySpec.class)
    void shouldCertifyTheGeneratedKeyWithItself(KeySpec spec) throws Exception {
        WrappedKey key = key(spec);
        key.certificate().verify(key.publicKey());
        assertEquals(spec, key.spec());
        assertEquals(WRAP, key.wrappingKey());
    }

    @Test
    void shouldLeaveNothingInTheTokenButTheWrappingKey() throws Exception {
        key(KeySpec.EC_P256); // the wrapping key exists
        try (TokenInspector inspector = TokenInspector.of(config)) {
            int tokenObjects = inspector.countObjects(true);
            List<WrappedKey> made = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                made.add(token.generateWrapped(WRAP, KeySpec.EC_P256, TestIssuers.selfSigned("Citizen " + i)));
            }
            for (WrappedKey key : made) {
                token.signDigest(key, DigestAlgorithm.SHA256, SignatureScheme.ECDSA,
                        JdkVerifier.digest(DigestAlgorithm.SHA256, DATA));
            }
            assertEquals(tokenObjects, inspector.countObjects(true), "token objects after 20 wrapped keys");
            assertEquals(0, inspector.countObjects(false), "session objects left behind");
            assertEquals(20, made.stream().map(k -> new String(k.blob(), StandardCharsets.ISO_8859_1)).distinct().count());
        }
    }

    @Test
    void shouldKeepTheWrappingKeySensitiveAndNeverExtractable() throws Exception {
        key(KeySpec.EC_P256);
        try (TokenInspector inspector = TokenInspector.of(config)) {
            CK_ATTRIBUTE[] attributes = inspector.withSession(session -> {
                long handle = findSecretKey(inspector, session, WRAP);
                CK_ATTRIBUTE[] read = {
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_SENSITIVE),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_EXTRACTABLE),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_NEVER_EXTRACTABLE),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_DECRYPT),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_TOKEN),
                };
                inspectorP11(inspector).C_GetAttributeValue(session, handle, read);
                return read;
            });
            assertTrue(attributes[0].getBoolean(), "CKA_SENSITIVE");
            assertFalse(attributes[1].getBoolean(), "CKA_EXTRACTABLE");
            assertTrue(attributes[2].getBoolean(), "CKA_NEVER_EXTRACTABLE");
            assertFalse(attributes[3].getBoolean(), "CKA_DECRYPT");
            assertTrue(attributes[4].getBoolean(), "CKA_TOKEN");
        }
    }

    @Test
    void shouldSignWithAKeyWrappedBeforeTheTokenWasReopened() throws Exception {
        WrappedKey key = key(KeySpec.RSA_2048);
        try (HsmToken reopened = Pkcs11HsmToken.open(config)) {
            byte[] value = reopened.signDigest(key, DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1_V15,
                    JdkVerifier.digest(DigestAlgorithm.SHA256, DATA));
            assertTrue(JdkVerifier.verifies(key.publicKey(), DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1_V15,
                    DATA, value));
        }
    }

    @Test
    void shouldRefuseAnAlteredBlob() throws Exception {
        WrappedKey key = key(KeySpec.EC_P256);
        byte[] blob = key.blob();
        blob[blob.length / 2] ^= 0x01;
        WrappedKey altered = new WrappedKey(key.wrappingKey(), key.spec(), blob, key.chain());
        assertThrows(WrappedKeyInvalidException.class, () -> token.signDigest(altered, DigestAlgorithm.SHA256,
                SignatureScheme.ECDSA, JdkVerifier.digest(DigestAlgorithm.SHA256, DATA)));
        // and the token still signs with the intact key afterwards
        assertEquals(0x30, token.signDigest(key, DigestAlgorithm.SHA256, SignatureScheme.ECDSA,
                JdkVerifier.digest(DigestAlgorithm.SHA256, DATA))[0]);
    }

    @Test
    void shouldRefuseABlobWrappedInAnotherToken() throws Exception {
        Pkcs11Config other = SoftHsm.freshToken("wrapped-other");
        try (HsmToken otherToken = Pkcs11HsmToken.open(other)) {
            otherToken.requireWrappingKey(WRAP, true);
            WrappedKey foreign = otherToken.generateWrapped(WRAP, KeySpec.EC_P256, TestIssuers.selfSigned("Elsewhere"));
            key(KeySpec.EC_P256);
            assertThrows(WrappedKeyInvalidException.class, () -> token.signDigest(foreign, DigestAlgorithm.SHA256,
                    SignatureScheme.ECDSA, JdkVerifier.digest(DigestAlgorithm.SHA256, DATA)));
        }
    }

    @Test
    void shouldRefuseAKeyOfAnotherCertificate() throws Exception {
        WrappedKey first = key(KeySpec.EC_P256);
        WrappedKey second = token.generateWrapped(WRAP, KeySpec.EC_P256, TestIssuers.selfSigned("Second"));
        WrappedKey swapped = new WrappedKey(WRAP, KeySpec.EC_P256, second.blob(), first.chain());
        assertThrows(SignatureVerificationException.class, () -> token.signDigest(swapped, DigestAlgorithm.SHA256,
                SignatureScheme.ECDSA, JdkVerifier.digest(DigestAlgorithm.SHA256, DATA)));
    }

    @Test
    void shouldNotCreateAWrappingKeyToSign() throws Exception {
        WrappedKey key = key(KeySpec.EC_P256);
        WrappedKey unknown = new WrappedKey("no-such-wrapping-key", key.spec(), key.blob(), key.chain());
        KeyNotFoundException e = assertThrows(KeyNotFoundException.class, () -> token.signDigest(unknown,
                DigestAlgorithm.SHA256, SignatureScheme.ECDSA, JdkVerifier.digest(DigestAlgorithm.SHA256, DATA)));
        assertEquals("no-such-wrapping-key", e.alias());
    }

    @Test
    void shouldRefuseAnExtractableWrappingKey() throws Exception {
        try (TokenInspector inspector = TokenInspector.of(config)) {
            createAesKey(inspector, "weak-wrap", false, true, new byte[] {1});
        }
        HsmException e = assertThrows(HsmException.class, () -> token.requireWrappingKey("weak-wrap", false));
        assertTrue(e.getMessage().contains("must be an AES key, sensitive, not extractable"), e.getMessage());
        assertThrows(HsmException.class, () -> token.generateWrapped("weak-wrap", KeySpec.EC_P256,
                TestIssuers.selfSigned("Weak")));
    }

    @ParameterizedTest
    @EnumSource(value = SoftHsm.WrappingKeyFlaw.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void shouldRefuseAWrappingKeyThroughWhichSomeoneWithThePinCouldGetCitizensKeysOut(SoftHsm.WrappingKeyFlaw flaw) {
        String label = "flawed-" + flaw.name().toLowerCase(java.util.Locale.ROOT);
        SoftHsm.provisionWrappingKey(config, label, flaw);
        HsmException e = assertThrows(HsmException.class, () -> token.requireWrappingKey(label, false));
        assertTrue(e.getMessage().contains("must be an AES key"), e.getMessage());
        assertThrows(HsmException.class, () -> token.generateWrapped(label, KeySpec.EC_P256,
                TestIssuers.selfSigned("Flawed")));
    }

    @Test
    void shouldAcceptAWrappingKeyProvisionedAsRequired() {
        SoftHsm.provisionWrappingKey(config, "provisioned-wrap", SoftHsm.WrappingKeyFlaw.NONE);
        token.requireWrappingKey("provisioned-wrap", false);
        WrappedKey key = token.generateWrapped("provisioned-wrap", KeySpec.EC_P256, TestIssuers.selfSigned("Provisioned"));
        assertEquals("provisioned-wrap", key.wrappingKey());
    }

    @Test
    void shouldNeverCreateTheWrappingKeyToGenerateOrSign() throws Exception {
        KeyNotFoundException e = assertThrows(KeyNotFoundException.class, () -> token.generateWrapped("absent-wrap",
                KeySpec.EC_P256, TestIssuers.selfSigned("Absent")));
        assertEquals("absent-wrap", e.alias());
        assertThrows(KeyNotFoundException.class, () -> token.requireWrappingKey("absent-wrap", false));
        try (TokenInspector inspector = TokenInspector.of(config)) {
            assertEquals(0, (int) inspector.<Integer>withSession(session -> countSecretKeys(inspector, session, "absent-wrap")));
        }
    }

    @Test
    void shouldRefuseToChooseBetweenTwoWrappingKeysOfOneLabel() throws Exception {
        Pkcs11Config own = SoftHsm.freshToken("wrapped-twins"); // two keys of one label break every later open
        try (HsmToken opened = Pkcs11HsmToken.open(own)) {
            try (TokenInspector inspector = TokenInspector.of(own)) {
                createAesKey(inspector, "twin-wrap", true, false, new byte[] {1});
                createAesKey(inspector, "twin-wrap", true, false, new byte[] {2});
            }
            HsmException e = assertThrows(HsmException.class, () -> opened.requireWrappingKey("twin-wrap", true));
            assertTrue(e.getMessage().contains("2 keys") && e.getMessage().contains("must be unique"), e.getMessage());
        }
        // SunPKCS11's key store, which opening the token loads, refuses such a token outright
        TokenUnavailableException e = assertThrows(TokenUnavailableException.class, () -> Pkcs11HsmToken.open(own));
        assertTrue(e.getMessage().contains("twin-wrap"), e.getMessage());
    }

    @Test
    void shouldCreateOneWrappingKeyWhenTwoInstancesOfOneProcessAskAtOnce() throws Exception {
        String label = "raced-wrap";
        try (HsmToken a = Pkcs11HsmToken.open(config); HsmToken b = Pkcs11HsmToken.open(config)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<WrappedKey>> made = new ArrayList<>();
                for (HsmToken instance : List.of(a, b)) {
                    made.add(pool.submit(() -> {
                        instance.requireWrappingKey(label, true);
                        return instance.generateWrapped(label, KeySpec.EC_P256, TestIssuers.selfSigned("Raced"));
                    }));
                }
                byte[] digest = JdkVerifier.digest(DigestAlgorithm.SHA256, DATA);
                for (Future<WrappedKey> key : made) {
                    for (HsmToken signer : List.of(a, b)) {
                        byte[] value = signer.signDigest(key.get(), DigestAlgorithm.SHA256, SignatureScheme.ECDSA, digest);
                        assertTrue(JdkVerifier.verifies(key.get().publicKey(), DigestAlgorithm.SHA256,
                                SignatureScheme.ECDSA, DATA, value));
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
        try (TokenInspector inspector = TokenInspector.of(config)) {
            assertEquals(1, (int) inspector.<Integer>withSession(session -> countSecretKeys(inspector, session, label)));
        }
    }

    @Test
    void shouldSignConcurrentlyFromManyThreads() throws Exception {
        List<WrappedKey> citizens = List.of(key(KeySpec.EC_P256),
                token.generateWrapped(WRAP, KeySpec.EC_P256, TestIssuers.selfSigned("Concurrent 1")),
                token.generateWrapped(WRAP, KeySpec.EC_P256, TestIssuers.selfSigned("Concurrent 2")),
                key(KeySpec.RSA_2048));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                work.add(() -> {
                    int verified = 0;
                    for (int i = 0; i < 100; i++) {
                        WrappedKey key = citizens.get((thread + i) % citizens.size());
                        SignatureScheme scheme = key.spec().isEc() ? SignatureScheme.ECDSA : SignatureScheme.RSA_PKCS1_V15;
                        byte[] data = ("document " + thread + "/" + i).getBytes(StandardCharsets.UTF_8);
                        byte[] value = token.signDigest(key, DigestAlgorithm.SHA256, scheme,
                                JdkVerifier.digest(DigestAlgorithm.SHA256, data));
                        if (JdkVerifier.verifies(key.publicKey(), DigestAlgorithm.SHA256, scheme, data, value)) {
                            verified++;
                        }
                    }
                    return verified;
                });
            }
            int total = 0;
            for (Future<Integer> result : pool.invokeAll(work)) {
                total += result.get();
            }
            assertEquals(800, total);
        } finally {
            pool.shutdownNow();
        }
        try (TokenInspector inspector = TokenInspector.of(config)) {
            assertEquals(0, inspector.countObjects(false), "session objects left behind");
        }
    }

    @Test
    void shouldFindTheWrappingKeyAgainAfterTheTokenLoggedOutAndIn() throws Exception {
        Pkcs11Config own = SoftHsm.freshToken("wrapped-relogin");
        try (HsmToken first = Pkcs11HsmToken.open(own)) {
            first.requireWrappingKey(WRAP, true);
            WrappedKey key = first.generateWrapped(WRAP, KeySpec.EC_P256, TestIssuers.selfSigned("Relogin"));
            SoftHsm.logOutEverywhere(own.libraryPath(), own.tokenLabel()); // private objects' handles go stale
            try (HsmToken second = Pkcs11HsmToken.open(own)) { // logs the process in again
                byte[] digest = JdkVerifier.digest(DigestAlgorithm.SHA256, DATA);
                for (HsmToken signer : List.of(first, second)) {
                    byte[] value = signer.signDigest(key, DigestAlgorithm.SHA256, SignatureScheme.ECDSA, digest);
                    assertTrue(JdkVerifier.verifies(key.publicKey(), DigestAlgorithm.SHA256, SignatureScheme.ECDSA, DATA,
                            value));
                }
            }
        }
    }

    @Test
    void shouldRefuseACertificateOfAnotherKind() {
        WrappedKey ec = key(KeySpec.EC_P256);
        assertThrows(IllegalArgumentException.class, () -> new WrappedKey(WRAP, KeySpec.RSA_2048, ec.blob(), ec.chain()));
    }

    @Test
    void shouldNeverPrintTheBlob() {
        WrappedKey key = key(KeySpec.EC_P256);
        assertFalse(key.toString().contains(java.util.HexFormat.of().formatHex(key.blob()).substring(0, 16)));
        assertFalse(key.toString().contains(java.util.Base64.getEncoder().encodeToString(key.blob()).substring(0, 12)));
        assertFalse(key.toString().contains("Wrapped EC_P256"), "no name from the certificate, only its serial");
        assertTrue(key.toString().contains(key.certificate().getSerialNumber().toString(16)));
        byte[] copy = key.blob();
        copy[0] ^= 1;
        assertNotEquals(copy[0], key.blob()[0], "the record hands out copies");
        assertArrayEquals(key.blob(), key.blob());
    }

    /** The handles of the AES keys labelled {@code label} (up to 16). */
    private static long[] secretKeys(TokenInspector inspector, long session, String label)
            throws sun.security.pkcs11.wrapper.PKCS11Exception {
        var p11 = inspectorP11(inspector);
        p11.C_FindObjectsInit(session, new CK_ATTRIBUTE[] {
            new CK_ATTRIBUTE(PKCS11Constants.CKA_CLASS, PKCS11Constants.CKO_SECRET_KEY),
            new CK_ATTRIBUTE(PKCS11Constants.CKA_LABEL, label),
        });
        try {
            return p11.C_FindObjects(session, 16);
        } finally {
            p11.C_FindObjectsFinal(session);
        }
    }

    private static int countSecretKeys(TokenInspector inspector, long session, String label)
            throws sun.security.pkcs11.wrapper.PKCS11Exception {
        return secretKeys(inspector, session, label).length;
    }

    private static void createAesKey(TokenInspector inspector, String label, boolean sensitive, boolean extractable,
                                     byte[] id) throws Exception {
        inspector.withReadWriteSession(session -> inspectorP11(inspector).C_GenerateKey(session,
                new CK_MECHANISM(PKCS11Constants.CKM_AES_KEY_GEN), new CK_ATTRIBUTE[] {
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_CLASS, PKCS11Constants.CKO_SECRET_KEY),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_KEY_TYPE, PKCS11Constants.CKK_AES),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_VALUE_LEN, 32L),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_TOKEN, true),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_PRIVATE, true),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_SENSITIVE, sensitive),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_EXTRACTABLE, extractable),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_WRAP, true),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_UNWRAP, true),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_DECRYPT, false),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_LABEL, label),
                    new CK_ATTRIBUTE(PKCS11Constants.CKA_ID, id),
                }));
    }

    private static long findSecretKey(TokenInspector inspector, long session, String label)
            throws sun.security.pkcs11.wrapper.PKCS11Exception {
        long[] found = secretKeys(inspector, session, label);
        assertEquals(1, found.length, "wrapping keys labelled " + label);
        return found[0];
    }

    private static sun.security.pkcs11.wrapper.PKCS11 inspectorP11(TokenInspector inspector) {
        return inspector.p11();
    }
}
