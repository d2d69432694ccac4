package io.kyso.signer.audit;

import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * The audit log's background work, on every instance: checks the HSM's MAC key at start-up, chains
 * waiting records every {@code kyso.audit.sequencer-interval}, and seals the heads that moved every
 * {@code kyso.audit.seal-interval}. A round that fails (HSM or timestamping authority down) leaves
 * everything as it was, durable, for the next. Scheduled by hand, not with {@code @Scheduled}, so that
 * closing the service stops the rounds before the beans they use are gone.
 */
@Context
public class AuditWorker {
    private static final Logger LOG = LoggerFactory.getLogger(AuditWorker.class);
    private final AuditSequencer sequencer;
    private final AuditSeals seals;
    private final AuditConfiguration config;
    private final Clock clock;
    private Instant nextSeal = Instant.MIN;
    private Instant nextWarning = Instant.MIN;
    private final ScheduledFuture<?> rounds;

    public AuditWorker(AuditMac mac, AuditSequencer sequencer, AuditSeals seals, AuditConfiguration config, Clock clock,
                       @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.sequencer = sequencer;
        this.seals = seals;
        this.config = config;
        this.clock = clock;
        mac.requireKey();
        this.rounds = scheduler.scheduleWithFixedDelay(config.sequencerInterval(), config.sequencerInterval(), this::run);
    }

    @PreDestroy
    void stop() {
        rounds.cancel(false);
    }

    synchronized void run() {
        try {
            sequencer.flush();
        } catch (RuntimeException e) {
            warn(e);
            return;
        }
        Instant now = clock.instant();
        if (now.isBefore(nextSeal)) {
            return;
        }
        nextSeal = now.plus(config.sealInterval());
        try {
            seals.sealMovedHeads();
        } catch (RuntimeException e) {
            LOG.warn("Audit chain heads could not be sealed now ({}); next attempt in {}", e.getMessage(),
                    config.sealInterval());
        }
    }

    /** Once a minute at most: during an HSM outage a round fails every few hundred milliseconds. */
    private void warn(RuntimeException e) {
        Instant now = clock.instant();
        if (!now.isBefore(nextWarning)) {
            nextWarning = now.plusSeconds(60);
            LOG.warn("Audit records could not be chained now ({}); they wait, durable, for a later round", e.getMessage());
        }
    }
}
