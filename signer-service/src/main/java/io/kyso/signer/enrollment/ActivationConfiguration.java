package io.kyso.signer.enrollment;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Activation of newly enrolled credentials by their citizens.
 *
 * @param linkLifetime       how long an activation link works (a portal can ask for a new one)
 * @param maxIdentityFailures identity logins that do not match the credential before its link stops working
 */
@Context
@ConfigurationProperties("kyso.activation")
public record ActivationConfiguration(
        @Bindable(defaultValue = "7d") Duration linkLifetime,
        @Bindable(defaultValue = "3") int maxIdentityFailures) {

    public ActivationConfiguration {
        if (linkLifetime.isNegative() || linkLifetime.isZero()) {
            throw new IllegalArgumentException("kyso.activation.link-lifetime must be positive, was " + linkLifetime);
        }
        if (maxIdentityFailures < 1) {
            throw new IllegalArgumentException("kyso.activation.max-identity-failures must be at least 1");
        }
    }
}
