package io.kyso.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kyso.hsm.testing.SoftHsm;
import io.kyso.hsm.testing.TestIssuers;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Many threads sign at once through one token instance; every value must verify. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Pkcs11HsmTokenConcurrencyTest {
    private static final int THREADS = 8;

    private HsmToken token;

    @BeforeAll
    void openToken() {
        token = Pkcs11HsmToken.open(SoftHsm.freshToken("concurrency"));
    }

    @AfterAll
    void closeToken() {
        token.close();
    }

    @Test
    void shouldSignFromEightThreadsAtOnceWithEc() throws Exception {
        KeyEntry entry = token.generate("ec", KeySpec.EC_P256, TestIssuers.selfSigned("EC"));
        assertEquals(THREADS * 500, signConcurrently(entry, 500, List.of(SignatureScheme.ECDSA)));
    }

    @Test
    void shouldSignFromEightThreadsAtOnceWithRsa() throws Exception {
        KeyEntry entry = token.generate("rsa", KeySpec.RSA_2048, TestIssuers.selfSigned("RSA"));
        assertEquals(THREADS * 40, signConcurrently(entry, 40,
                List.of(SignatureScheme.RSA_PKCS1_V15, SignatureScheme.RSA_PSS)));
    }

    private int signConcurrently(KeyEntry entry, int perThread, List<SignatureScheme> schemes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(signing(entry, thread, perThread, schemes, start)));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    private Callable<Integer> signing(KeyEntry entry, int thread, int count, List<SignatureScheme> schemes,
            CountDownLatch start) {
        return () -> {
            start.await();
            for (int i = 0; i < count; i++) {
                DigestAlgorithm algorithm = DigestAlgorithm.values()[i % DigestAlgorithm.values().length];
                SignatureScheme scheme = schemes.get(i % schemes.size());
                byte[] data = ByteBuffer.allocate(8).putInt(thread).putInt(i).array();
                byte[] value = token.signDigest(entry.alias(), algorithm, scheme, JdkVerifier.digest(algorithm, data));
                assertTrue(JdkVerifier.verifies(entry.publicKey(), algorithm, scheme, data, value),
                        "thread " + thread + " signature " + i);
            }
            return count;
        };
    }
}
