package io.kyso.signer.timestamping;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Duration;

/**
 * Kyso's own (development) timestamping authority.
 *
 * @param policy   the TSA policy OID written into every token; a request naming another is rejected.
 *                 The default is a UUID-derived OID (2.25, ITU-T X.667): no registration, no clash
 * @param accuracy how far the token's time may be from the true time, as the token states it
 * @param certificateValidity how long the timestamping unit's certificate is valid; the unit moves to
 *                 a new key (and certificate) when a third of it remains, so that a renewed archive
 *                 timestamp always lasts longer than the one it renews
 */
@ConfigurationProperties("kyso.tsa")
public record TimestampAuthorityConfiguration(
        @Bindable(defaultValue = "2.25.90132282173442218127183951214356970554")
        @Pattern(regexp = "[0-2](\\.(0|[1-9][0-9]*))+", message = "must be an object identifier") String policy,
        @Bindable(defaultValue = "1s") @NotNull Duration accuracy,
        @Bindable(defaultValue = "1825d") @NotNull Duration certificateValidity) {
}
