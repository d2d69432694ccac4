package io.kyso.signer.hsm;

import io.kyso.hsm.HsmToken;
import io.kyso.hsm.TokenHealth;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The last resort after an HSM outage: when the adapter says the PKCS#11 library can only recover in
 * a new process ({@code RESTART_REQUIRED}: a call stuck inside the library keeps it from being
 * re-initialised safely), the instance stays unready (readiness follows the HSM), lets calls in
 * flight finish for {@code kyso.hsm.restart-drain}, and exits with status {@value #EXIT_RESTART}, which
 * its supervisor ({@code scripts/run}, systemd, an orchestrator) answers by starting it again. Nothing
 * acknowledged is lost: every answer was given after its transaction was durable, and a confirmation
 * cut short by the exit leaves its request as it was.
 */
@Singleton
public class OrderlyRestart {
    /** EX_TEMPFAIL: "try again"; {@code scripts/run} restarts the service on it. */
    public static final int EXIT_RESTART = 75;
    private static final Logger LOG = LoggerFactory.getLogger(OrderlyRestart.class);

    /** How the process ends; replaced in tests. */
    @FunctionalInterface
    public interface Exit {
        void exit(int status);
    }

    private final HsmToken hsm;
    private final Duration drain;
    private final Exit exit;
    private final AtomicBoolean restarting = new AtomicBoolean();

    public OrderlyRestart(HsmToken hsm, @Value("${kyso.hsm.restart-drain:30s}") Duration drain, Exit exit) {
        this.hsm = hsm;
        this.drain = drain;
        this.exit = exit;
    }

    @Scheduled(initialDelay = "10s", fixedDelay = "10s")
    void check() {
        TokenHealth health = hsm.health();
        if (health.restartRequired() && restarting.compareAndSet(false, true)) {
            LOG.error("The HSM library cannot recover in this process ({}); draining for {} s, then exiting with"
                    + " status {} for the supervisor to restart the service", health.detail(), drain.toSeconds(), EXIT_RESTART);
            sleep(drain);
            exit.exit(EXIT_RESTART);
        }
    }

    /** Whether this instance decided to restart (it is draining). */
    public boolean restarting() {
        return restarting.get();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The real exit: the JVM's shutdown hooks close the service cleanly (connections, the HSM, the database). */
    @io.micronaut.context.annotation.Factory
    static class SystemExit {
        @Singleton
        Exit exit() {
            return System::exit;
        }
    }
}
