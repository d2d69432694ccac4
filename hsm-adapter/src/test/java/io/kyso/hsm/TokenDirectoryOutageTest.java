package io.kyso.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kyso.hsm.testing.SoftHsm;
import io.kyso.hsm.testing.TestIssuers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SoftHSM2's storage really goes away under load: the token's directory (or the directory of every
 * token) is moved away while threads sign with stored and wrapped keys, then moved back. Every call
 * that fails meanwhile fails as an outage, and signing resumes in this JVM without anyone reopening
 * the token. Runs in a surefire execution of its own (own SOFTHSM2_CONF): the re-initialisation of
 * the library would otherwise reach the other test classes' tokens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenDirectoryOutageTest {
    private static final String WRAP = "kyso-citizen-wrap";
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(60);

    private Pkcs11Config config;
    private HsmToken token;
    private List<Signer> signers;

    /** What is moved away. */
    enum Storage {
        TOKEN_DIRECTORY,
        ALL_TOKENS
    }

    /** One kind of signature the threads make, checked by the JDK. */
    private record Signer(String name, Supplier<Boolean> signsAndVerifies) {
    }

    /** What the signing threads saw: signatures, and failures by exception class. */
    private record Tally(AtomicInteger signed, AtomicInteger failed, Map<String, AtomicInteger> failures) {
        Tally() {
            this(new AtomicInteger(), new AtomicInteger(), new ConcurrentHashMap<>());
        }

        void failed(RuntimeException e) {
            failures.computeIfAbsent(e.getClass().getSimpleName(), name -> new AtomicInteger()).incrementAndGet();
            failed.incrementAndGet();
        }

        Map<String, Integer> failuresByClass() {
            Map<String, Integer> counts = new java.util.TreeMap<>();
            failures.forEach((name, count) -> counts.put(name, count.get()));
            return counts;
        }
    }

    @BeforeAll
    void openToken() {
        config = SoftHsm.freshToken("outage");
        token = Pkcs11HsmToken.open(config);
        token.requireWrappingKey(WRAP, true);
        KeyEntry ec = token.generate("stored-ec", KeySpec.EC_P256, TestIssuers.selfSigned("Stored EC"));
        KeyEntry rsa = token.generate("stored-rsa", KeySpec.RSA_2048, TestIssuers.selfSigned("Stored RSA"));
        WrappedKey wrappedEc = token.generateWrapped(WRAP, KeySpec.EC_P256, TestIssuers.selfSigned("Wrapped EC"));
        WrappedKey wrappedRsa = token.generateWrapped(WRAP, KeySpec.RSA_2048, TestIssuers.selfSigned("Wrapped RSA"));
        byte[] data = "Kyso signs this during an outage".getBytes(StandardCharsets.UTF_8);
        byte[] digest = digest(data);
        signers = List.of(
                new Signer("stored EC", () -> verifies(ec.publicKey(), SignatureScheme.ECDSA, data,
                        token.signDigest(ec.alias(), DigestAlgorithm.SHA256, SignatureScheme.ECDSA, digest))),
                new Signer("stored RSA-PSS", () -> verifies(rsa.publicKey(), SignatureScheme.RSA_PSS, data,
                        token.signDigest(rsa.alias(), DigestAlgorithm.SHA256, SignatureScheme.RSA_PSS, digest))),
                new Signer("wrapped EC", () -> verifies(wrappedEc.publicKey(), SignatureScheme.ECDSA, data,
                        token.signDigest(wrappedEc, DigestAlgorithm.SHA256, SignatureScheme.ECDSA, digest))),
                new Signer("wrapped RSA batch", () -> token.signDigests(wrappedRsa, new DigestBatch(DigestAlgorithm.SHA256,
                        SignatureScheme.RSA_PKCS1_V15, List.of(digest, digest))).stream().allMatch(value ->
                        verifies(wrappedRsa.publicKey(), SignatureScheme.RSA_PKCS1_V15, data, value))));
    }

    @AfterAll
    void closeToken() {
        token.close();
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void shouldFailOnlyAsAnOutageWhileTheStorageIsAwayAndSignAgainWhenItIsBack(Storage storage) throws Exception {
        Path directory = storage == Storage.TOKEN_DIRECTORY ? SoftHsm.tokenDirectory(config) : SoftHsm.tokenRoot();
        // out of the token root: SoftHSM2 takes any sub-directory of it for a token, whatever its name
        Path away = SoftHsm.tokenRoot().resolveSibling(SoftHsm.tokenRoot().getFileName() + "-away-" + storage);
        Tally tally = new Tally();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(signers.size());
        try {
            List<Future<?>> threads = new ArrayList<>();
            for (Signer signer : signers) {
                threads.add(pool.submit(() -> signUntilStopped(signer, stop, tally)));
            }
            awaitCount(tally.signed(), 40, "signatures before the outage");

            Files.move(directory, away);
            awaitCount(tally.failed(), 4 * signers.size(), "failed signatures during the outage");
            assertThrows(TokenUnavailableException.class, () -> token.find("stored-ec"), "a key is not missing, the token is");
            assertThrows(TokenUnavailableException.class, () -> token.requireWrappingKey(WRAP, false));
            assertFalse(token.health().up());

            Files.move(away, directory);
            long back = System.nanoTime();
            for (Signer signer : signers) {
                awaitSignature(signer);
            }
            System.out.printf("%s back: every kind of signature again after %d ms%n", storage,
                    Duration.ofNanos(System.nanoTime() - back).toMillis());
            stop.set(true);
            for (Future<?> thread : threads) {
                thread.get();
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
            if (Files.exists(away)) {
                Files.move(away, directory);
            }
        }
        assertEquals(Map.of(TokenUnavailableException.class.getSimpleName(), tally.failed().get()),
                tally.failuresByClass(), "every failure during the outage is an outage");
        assertTrue(token.health().up());
        assertTrue(token.find("stored-ec").isPresent());
    }

    private static void signUntilStopped(Signer signer, AtomicBoolean stop, Tally tally) {
        while (!stop.get()) {
            try {
                assertTrue(signer.signsAndVerifies().get(), signer.name() + " signed a value the JDK does not verify");
                tally.signed().incrementAndGet();
            } catch (RuntimeException e) {
                tally.failed(e);
                if (!(e instanceof TokenUnavailableException)) {
                    e.printStackTrace(); // shows what was misclassified; the assertion at the end fails the test
                }
                pause(20);
            }
        }
    }

    /** Waits until {@code signer} signs again, the library's own reconnection being the only help. */
    private static void awaitSignature(Signer signer) {
        long deadline = System.nanoTime() + RECOVERY_BOUND.toNanos();
        while (true) {
            try {
                assertTrue(signer.signsAndVerifies().get(), signer.name());
                return;
            } catch (TokenUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(signer.name() + " did not sign again within " + RECOVERY_BOUND, e);
                }
                pause(50);
            }
        }
    }

    private static void awaitCount(AtomicInteger counter, int atLeast, String what) {
        long deadline = System.nanoTime() + RECOVERY_BOUND.toNanos();
        while (counter.get() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + counter.get() + " " + what + " within " + RECOVERY_BOUND);
            }
            pause(20);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] digest(byte[] data) {
        try {
            return JdkVerifier.digest(DigestAlgorithm.SHA256, data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean verifies(java.security.PublicKey key, SignatureScheme scheme, byte[] data, byte[] value) {
        try {
            return JdkVerifier.verifies(key, DigestAlgorithm.SHA256, scheme, data, value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
