package io.kyso.signer.factor;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/**
 * The rules for factor codes (activation, the citizen's page, invitations, new phone or email): the
 * same as for signing codes, with their own settings.
 *
 * @param codeLifetime   how long a code is valid; at most 10 minutes
 * @param maxAttempts    wrong codes before the code stops working (its link or login must start again)
 * @param maxResends     codes that may be sent again for one subject
 * @param resendInterval least time between two codes for one subject
 */
@Context
@ConfigurationProperties("kyso.factors")
public record FactorConfiguration(
        @Bindable(defaultValue = "10m") Duration codeLifetime,
        @Bindable(defaultValue = "5") @Min(1) @Max(10) int maxAttempts,
        @Bindable(defaultValue = "3") @Min(0) @Max(10) int maxResends,
        @Bindable(defaultValue = "60s") Duration resendInterval) {

    public FactorConfiguration {
        if (codeLifetime.isNegative() || codeLifetime.isZero() || codeLifetime.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("kyso.factors.code-lifetime must be between 1 second and 10 minutes, was "
                    + codeLifetime);
        }
        if (resendInterval.isNegative()) {
            throw new IllegalArgumentException("kyso.factors.resend-interval must not be negative");
        }
    }
}
