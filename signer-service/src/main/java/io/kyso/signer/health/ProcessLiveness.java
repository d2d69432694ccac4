package io.kyso.signer.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.core.async.publisher.Publishers;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Liveness: the process answers HTTP. Deliberately nothing else: a database or HSM outage makes
 * the instance unready (no traffic), not dead (restarting it would not help).
 */
@Singleton
@Liveness
public class ProcessLiveness implements HealthIndicator {
    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(HealthResult.builder("process", HealthStatus.UP).build());
    }
}
