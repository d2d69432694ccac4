package io.kyso.signer.webhook;

import io.kyso.signer.audit.Actor;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.persistence.Database;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The delivery worker: every {@code kyso.webhooks.poll-interval} it leases the due deliveries and
 * makes one attempt each. A 2xx marks a delivery done; anything else schedules the next attempt
 * after an exponential pause (with jitter, up to {@code max-backoff}) until {@code give-up-after}
 * has passed since the event, when the delivery is marked failed. Both ends are audited. Any number
 * of instances may run it: a row is attempted by the instance that leased it.
 */
@Singleton
@Requires(property = "kyso.webhooks.enabled", notEquals = "false")
public class WebhookDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookDeliveries deliveries;
    private final WebhookSender sender;
    private final Database database;
    private final AuditLog audit;
    private final WebhookConfiguration config;
    private final Clock clock;

    public WebhookDispatcher(WebhookDeliveries deliveries, WebhookSender sender, Database database, AuditLog audit,
                             WebhookConfiguration config, Clock clock) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.database = database;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${kyso.webhooks.poll-interval:5s}", initialDelay = "${kyso.webhooks.poll-interval:5s}")
    void run() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.warn("Webhook delivery round failed; it runs again in {}", config.pollInterval(), e);
        }
    }

    /** One round: attempts every due delivery this instance can lease. Returns how many were attempted. */
    public int deliverDue() {
        Instant now = clock.instant();
        List<WebhookDelivery> due = deliveries.claimDue(now, now.plus(config.lease()), config.batchSize());
        due.forEach(this::attempt);
        return due.size();
    }

    private void attempt(WebhookDelivery delivery) {
        WebhookSender.Result result = sender.send(delivery);
        Instant now = clock.instant();
        int attempt = delivery.attempts() + 1;
        if (result.delivered()) {
            database.inTransaction(c -> {
                deliveries.markDelivered(c, delivery.id(), now);
                audit.append(c, AuditRecord.of(AuditEventType.WEBHOOK_DELIVERED, Actor.SYSTEM).portal(delivery.portalId())
                        .request(delivery.requestId()).detail("attempt " + attempt).build());
                return null;
            });
            return;
        }
        if (!now.isBefore(delivery.createdAt().plus(config.giveUpAfter()))) {
            database.inTransaction(c -> {
                deliveries.markFailed(c, delivery.id(), result.error());
                audit.append(c, AuditRecord.of(AuditEventType.WEBHOOK_FAILED, Actor.SYSTEM).portal(delivery.portalId())
                        .request(delivery.requestId()).failure("after " + attempt + " attempts: " + result.error()).build());
                return null;
            });
            LOG.warn("Webhook {} for request {} given up after {} attempts: {}", delivery.id(), delivery.requestId(),
                    attempt, result.error());
            return;
        }
        Instant next = now.plus(backoff(attempt));
        deliveries.reschedule(delivery.id(), next, result.error());
        LOG.info("Webhook {} for request {} to {} failed (attempt {}): {}; next attempt at {}", delivery.id(),
                delivery.requestId(), URI.create(delivery.callbackUrl()).getHost(), attempt, result.error(), next);
    }

    /** The pause after failure number {@code failures}: doubling from the initial backoff, in [cap/2, cap]. */
    Duration backoff(int failures) {
        long cap = config.initialBackoff().toMillis() << Math.min(Math.max(failures - 1, 0), 30);
        if (cap <= 0 || cap > config.maxBackoff().toMillis()) {
            cap = config.maxBackoff().toMillis();
        }
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap - cap / 2 + 1));
    }
}
