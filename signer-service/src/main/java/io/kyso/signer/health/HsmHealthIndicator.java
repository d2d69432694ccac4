package io.kyso.signer.health;

import io.kyso.hsm.HsmToken;
import io.kyso.hsm.TokenHealth;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;

import java.util.Map;

/** Reports the HSM on {@code /health} after a real operation on the token (off the event loop). */
@Singleton
public class HsmHealthIndicator extends AbstractHealthIndicator<Map<String, String>> {
    private final HsmToken hsm;

    public HsmHealthIndicator(HsmToken hsm) {
        this.hsm = hsm;
    }

    @Override
    protected Map<String, String> getHealthInformation() {
        TokenHealth health = hsm.health();
        healthStatus = health.up() ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of("token", String.valueOf(health.tokenLabel()), "detail", String.valueOf(health.detail()));
    }

    @Override
    protected String getName() {
        return "hsm";
    }
}
