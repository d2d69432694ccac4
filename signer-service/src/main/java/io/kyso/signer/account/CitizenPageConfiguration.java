package io.kyso.signer.account;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/**
 * The citizen's own page ({@code /me}).
 *
 * @param sessionLifetime   how long a login (by a code sent to the phone) lasts
 * @param loginCodesPerHour login codes sent to one phone in an hour at most (no text bombing)
 */
@Context
@ConfigurationProperties("kyso.citizen-page")
public record CitizenPageConfiguration(
        @Bindable(defaultValue = "15m") Duration sessionLifetime,
        @Bindable(defaultValue = "5") @Min(1) int loginCodesPerHour) {

    public CitizenPageConfiguration {
        if (sessionLifetime.isNegative() || sessionLifetime.isZero() || sessionLifetime.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("kyso.citizen-page.session-lifetime must be between 1 second and 1 hour, was "
                    + sessionLifetime);
        }
    }
}
