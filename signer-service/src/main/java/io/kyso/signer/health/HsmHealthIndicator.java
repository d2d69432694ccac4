package io.kyso.signer.health;

import io.kyso.hsm.DigestAlgorithm;
import io.kyso.hsm.HsmException;
import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeySpec;
import io.kyso.hsm.SignatureScheme;
import io.kyso.signer.pki.SelfSigned;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Readiness of the HSM, proven by a real signature: a dedicated probe key (created in the token on
 * first use) signs a random digest, and hsm-adapter verifies the value. A token that lists its
 * slots but cannot sign is not ready. When it is not, {@code state} says whether the token will come
 * back by itself ({@code DOWN}) or only in a new process ({@code RESTART_REQUIRED}: the supervisor
 * should restart the service).
 */
@Singleton
@Readiness
public class HsmHealthIndicator extends AbstractHealthIndicator<Map<String, String>> {
    static final String PROBE_ALIAS = "kyso-health-probe";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HsmToken hsm;
    private final Clock clock;

    public HsmHealthIndicator(HsmToken hsm, Clock clock) {
        this.hsm = hsm;
        this.clock = clock;
    }

    @Override
    protected Map<String, String> getHealthInformation() {
        try {
            hsm.find(PROBE_ALIAS).orElseGet(() -> hsm.generate(PROBE_ALIAS, KeySpec.EC_P256,
                    SelfSigned.issuer("Kyso HSM health probe", KeySpec.EC_P256, clock, Duration.ofDays(3650))));
            byte[] digest = new byte[DigestAlgorithm.SHA256.length()];
            RANDOM.nextBytes(digest);
            hsm.signDigest(PROBE_ALIAS, DigestAlgorithm.SHA256, SignatureScheme.ECDSA, digest);
            healthStatus = HealthStatus.UP;
            return Map.of("probe", "signed and verified");
        } catch (HsmException e) {
            healthStatus = HealthStatus.DOWN;
            // DOWN: the token reconnects by itself when it is back; RESTART_REQUIRED: only a new process can
            return Map.of("error", e.getClass().getSimpleName(), "state", hsm.health().state().name());
        }
    }

    @Override
    protected String getName() {
        return "hsm";
    }
}
