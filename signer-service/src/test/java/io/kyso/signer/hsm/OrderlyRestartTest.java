package io.kyso.signer.hsm;

import io.kyso.signer.testing.FlakyHsm;
import io.kyso.signer.testing.KysoTestService;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the PKCS#11 library can only recover in a new process, the instance is unready, drains, and
 * exits with the status its supervisor restarts it on; while the HSM merely comes and goes, it stays.
 */
class OrderlyRestartTest {
    private static final List<Integer> EXITS = new CopyOnWriteArrayList<>();

    /** Records the exit instead of ending the test JVM. */
    @Singleton
    @Replaces(OrderlyRestart.Exit.class)
    @Requires(property = "kyso.test.record-exit", value = "true")
    static class RecordedExit implements OrderlyRestart.Exit {
        @Override
        public void exit(int status) {
            EXITS.add(status);
        }
    }

    @AfterEach
    void heal() {
        FlakyHsm.heal();
        EXITS.clear();
    }

    @Test
    void shouldDrainAndExitForTheSupervisorWhenOnlyANewProcessCanRecoverTheHsm() {
        try (KysoTestService kyso = KysoTestService.start(Map.of("kyso.test.flaky-hsm", "true",
                "kyso.test.record-exit", "true", "kyso.hsm.restart-drain", "0s"))) {
            OrderlyRestart restart = kyso.context().getBean(OrderlyRestart.class);
            restart.check();
            assertTrue(EXITS.isEmpty(), "a healthy HSM is no reason to restart");

            FlakyHsm.stuck();
            assertEquals(503, kyso.get("/health/readiness", null).status(), "unready before it goes");
            restart.check();
            restart.check();
            assertEquals(List.of(OrderlyRestart.EXIT_RESTART), EXITS, "exits once, with the supervisor's status");
            assertTrue(restart.restarting());
        }
    }

    @Test
    void shouldStayWhenTheHsmIsOnlyUnavailable() {
        try (KysoTestService kyso = KysoTestService.start(Map.of("kyso.test.flaky-hsm", "true",
                "kyso.test.record-exit", "true", "kyso.hsm.restart-drain", "0s"))) {
            FlakyHsm.failAfter(0);
            OrderlyRestart restart = kyso.context().getBean(OrderlyRestart.class);
            restart.check();
            assertTrue(EXITS.isEmpty());
            assertFalse(restart.restarting());
        }
    }
}
