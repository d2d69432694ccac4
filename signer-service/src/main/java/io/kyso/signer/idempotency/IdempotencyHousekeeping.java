package io.kyso.signer.idempotency;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes idempotency keys past their retention, so the table holds about a day of POSTs. */
@Singleton
public class IdempotencyHousekeeping {
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyHousekeeping.class);

    private final IdempotencyKeys keys;

    public IdempotencyHousekeeping(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @Scheduled(initialDelay = "1m", fixedDelay = "15m")
    void run() {
        try {
            keys.purgeExpired();
        } catch (RuntimeException e) {
            LOG.warn("Purging expired idempotency keys failed; it runs again in 15 minutes", e);
        }
    }
}
