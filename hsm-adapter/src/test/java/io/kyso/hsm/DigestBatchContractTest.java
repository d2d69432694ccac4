package io.kyso.hsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kyso.hsm.testing.SoftHsm;
import io.kyso.hsm.testing.TestIssuers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
import org.junit.jupiter.params.provider.MethodSource;

/** Many digests signed with one key in one call, stored or wrapped, against a real SoftHSM2 token. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DigestBatchContractTest {
    private static final String WRAP = "kyso-citizen-wrap";

    private Pkcs11Config config;
    private HsmToken token;
    private KeyEntry storedEc;
    private KeyEntry storedRsa;
    private WrappedKey wrappedEc;
    private WrappedKey wrappedRsa;

    /** Where the batch's key lives. */
    enum Holder {
        STORED,
        WRAPPED
    }

    @BeforeAll
    void openToken() {
        config = SoftHsm.freshToken("batch");
        token = Pkcs11HsmToken.open(config);
        token.requireWrappingKey(WRAP, true);
        storedEc = token.generate("batch-ec", KeySpec.EC_P256, TestIssuers.selfSigned("Batch EC"));
        storedRsa = token.generate("batch-rsa", KeySpec.RSA_2048, TestIssuers.selfSigned("Batch RSA"));
        wrappedEc = token.generateWrapped(WRAP, KeySpec.EC_P256, TestIssuers.selfSigned("Batch wrapped EC"));
        wrappedRsa = token.generateWrapped(WRAP, KeySpec.RSA_2048, TestIssuers.selfSigned("Batch wrapped RSA"));
    }

    @AfterAll
    void closeToken() {
        token.close();
    }

    static Stream<Arguments> batches() {
        List<Arguments> all = new ArrayList<>();
        for (Holder holder : Holder.values()) {
            for (SignatureScheme scheme : SignatureScheme.values()) {
                for (int size : new int[] {1, 20, 200}) {
                    all.add(Arguments.of(holder, scheme, size));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("batches")
    void shouldSignEveryDigestOfTheBatchInOrder(Holder holder, SignatureScheme scheme, int size) throws Exception {
        DigestAlgorithm algorithm = scheme == SignatureScheme.RSA_PSS ? DigestAlgorithm.SHA384 : DigestAlgorithm.SHA256;
        List<byte[]> documents = documents("batch " + holder + " " + scheme, size);
        List<byte[]> values = sign(holder, scheme, new DigestBatch(algorithm, scheme, digests(algorithm, documents)));

        assertEquals(size, values.size());
        java.security.PublicKey publicKey = publicKey(holder, scheme);
        for (int i = 0; i < size; i++) {
            assertTrue(JdkVerifier.verifies(publicKey, algorithm, scheme, documents.get(i), values.get(i)), "value " + i);
            if (size > 1) {
                assertFalse(JdkVerifier.verifies(publicKey, algorithm, scheme, documents.get((i + 1) % size),
                        values.get(i)), "value " + i + " belongs to its own digest only");
            }
        }
    }

    @Test
    void shouldRefuseADigestOfTheWrongLength() {
        List<byte[]> digests = List.of(new byte[32], new byte[32], new byte[20]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DigestBatch(DigestAlgorithm.SHA256, SignatureScheme.ECDSA, digests));
        assertTrue(e.getMessage().contains("digest 2 has 20 bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new DigestBatch(DigestAlgorithm.SHA256, SignatureScheme.ECDSA, List.of()));
    }

    @Test
    void shouldRefuseASchemeThatDoesNotFitTheKey() {
        DigestBatch ecdsa = new DigestBatch(DigestAlgorithm.SHA256, SignatureScheme.ECDSA, List.of(new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> token.signDigests(storedRsa.alias(), ecdsa));
        assertThrows(IllegalArgumentException.class, () -> token.signDigests(wrappedRsa, ecdsa));
    }

    @Test
    void shouldRefuseAnAlteredBlobAndStillSignWithTheIntactOne() throws Exception {
        byte[] blob = wrappedEc.blob();
        blob[blob.length / 2] ^= 0x01;
        WrappedKey altered = new WrappedKey(WRAP, KeySpec.EC_P256, blob, wrappedEc.chain());
        DigestBatch batch = new DigestBatch(DigestAlgorithm.SHA256, SignatureScheme.ECDSA,
                digests(DigestAlgorithm.SHA256, documents("altered", 20)));
        assertThrows(WrappedKeyInvalidException.class, () -> token.signDigests(altered, batch));
        assertEquals(20, token.signDigests(wrappedEc, batch).size());
    }

    @Test
    void shouldRefuseTheValuesOfAKeyThatIsNotTheCertificates() throws Exception {
        WrappedKey other = token.generateWrapped(WRAP, KeySpec.EC_P256, TestIssuers.selfSigned("Batch other"));
        WrappedKey swapped = new WrappedKey(WRAP, KeySpec.EC_P256, other.blob(), wrappedEc.chain());
        DigestBatch batch = new DigestBatch(DigestAlgorithm.SHA256, SignatureScheme.ECDSA,
                digests(DigestAlgorithm.SHA256, documents("swapped", 3)));
        assertThrows(SignatureVerificationException.class, () -> token.signDigests(swapped, batch));
    }

    @Test
    void shouldKeepItsOwnCopyOfTheDigests() {
        byte[] digest = new byte[32];
        DigestBatch batch = new DigestBatch(DigestAlgorithm.SHA256, SignatureScheme.ECDSA, List.of(digest));
        digest[0] = 1;
        assertArrayEquals(new byte[32], batch.digest(0));
        batch.digests().get(0)[0] = 2;
        assertArrayEquals(new byte[32], batch.digest(0));
        assertEquals(new DigestBatch(DigestAlgorithm.SHA256, SignatureScheme.ECDSA, List.of(new byte[32])), batch);
    }

    @Test
    void shouldSignBatchesFromSeveralThreadsAndLeaveNoSessionObject() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Holder holder = t % 2 == 0 ? Holder.WRAPPED : Holder.STORED;
                SignatureScheme scheme = t < 2 ? SignatureScheme.ECDSA : SignatureScheme.RSA_PKCS1_V15;
                int thread = t;
                work.add(() -> {
                    int verified = 0;
                    for (int round = 0; round < 10; round++) {
                        List<byte[]> documents = documents("thread " + thread + " round " + round, 20);
                        List<byte[]> values = sign(holder, scheme, new DigestBatch(DigestAlgorithm.SHA256, scheme,
                                digests(DigestAlgorithm.SHA256, documents)));
                        for (int i = 0; i < values.size(); i++) {
                            verified += JdkVerifier.verifies(publicKey(holder, scheme), DigestAlgorithm.SHA256, scheme,
                                    documents.get(i), values.get(i)) ? 1 : 0;
                        }
                    }
                    return verified;
                });
            }
            int total = 0;
            for (Future<Integer> result : pool.invokeAll(work)) {
                total += result.get();
            }
            assertEquals(4 * 10 * 20, total);
        } finally {
            pool.shutdownNow();
        }
        try (TokenInspector inspector = TokenInspector.of(config)) {
            assertEquals(0, inspector.countObjects(false), "session objects left behind");
        }
    }

    private List<byte[]> sign(Holder holder, SignatureScheme scheme, DigestBatch batch) {
        boolean ec = scheme == SignatureScheme.ECDSA;
        return holder == Holder.STORED ? token.signDigests((ec ? storedEc : storedRsa).alias(), batch)
                : token.signDigests(ec ? wrappedEc : wrappedRsa, batch);
    }

    private java.security.PublicKey publicKey(Holder holder, SignatureScheme scheme) {
        boolean ec = scheme == SignatureScheme.ECDSA;
        return holder == Holder.STORED ? (ec ? storedEc : storedRsa).publicKey()
                : (ec ? wrappedEc : wrappedRsa).publicKey();
    }

    private static List<byte[]> documents(String prefix, int count) {
        List<byte[]> documents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            documents.add((prefix + " / document " + i).getBytes(StandardCharsets.UTF_8));
        }
        return documents;
    }

    private static List<byte[]> digests(DigestAlgorithm algorithm, List<byte[]> documents) throws Exception {
        List<byte[]> digests = new ArrayList<>(documents.size());
        for (byte[] document : documents) {
            digests.add(JdkVerifier.digest(algorithm, document));
        }
        return digests;
    }
}
