package io.kyso.signer.hsm;

import io.kyso.hsm.testing.SoftHsm;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoTestService;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SoftHSM2's token directory goes away under a running service and comes back: meanwhile the
 * service is not ready and answers 503 hsm.unavailable (never a client error for a key that seems
 * gone); afterwards it is ready and enrolls again, in the same process. Runs in a surefire execution
 * of its own: the PKCS#11 library is re-initialised, which the other services of a shared JVM would
 * feel.
 */
class HsmStorageOutageTest {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void shouldBeUnavailableWhileTheTokenDirectoryIsAwayAndReadyAgainWithoutARestart() throws Exception {
        try (KysoTestService kyso = KysoTestService.start()) {
            kyso.enroll("Trần Hưng Đạo", "079099001301", "+84901001301", null);
            assertEquals(200, kyso.get("/health/readiness", null).status());

            Path directory = SoftHsm.tokenDirectory(kyso.property("kyso.hsm.token-label"));
            // out of the token root: SoftHSM2 takes any sub-directory of it for a token, whatever its name
            Path away = SoftHsm.tokenRoot().resolveSibling(SoftHsm.tokenRoot().getFileName() + "-away");
            Files.move(directory, away);
            try {
                awaitReadiness(kyso, status -> status == 503);
                ApiResponse refused = kyso.post("/api/v1/citizens",
                        Map.of("nationalId", "079099001302", "fullName", "Yết Kiêu", "phone", "+84901001302"));
                assertEquals(503, refused.status(), refused::toString);
                assertEquals("hsm.unavailable", refused.code());
            } finally {
                Files.move(away, directory);
            }

            awaitReadiness(kyso, status -> status == 200);
            kyso.enroll("Yết Kiêu", "079099001302", "+84901001302", null);
        }
    }

    private static void awaitReadiness(KysoTestService kyso, Predicate<Integer> expected) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        ApiResponse readiness = kyso.get("/health/readiness", null);
        while (!expected.test(readiness.status())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("readiness still " + readiness + " after " + BOUND);
            }
            Thread.sleep(200);
            readiness = kyso.get("/health/readiness", null);
        }
    }
}
