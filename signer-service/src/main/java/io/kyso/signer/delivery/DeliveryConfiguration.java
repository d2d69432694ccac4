package io.kyso.signer.delivery;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;

/**
 * Which implementation carries each kind of code: by its {@link OtpSender#name()}. {@code none}
 * turns a kind off (citizens cannot choose it). The development environment routes both to the
 * {@code outbox}, which exists nowhere else.
 *
 * @param sms   {@code gateway} (the HTTP SMS gateway, default), {@code outbox} in development, or {@code none}
 * @param email {@code smtp}, {@code outbox} in development, or {@code none} (default)
 */
@Context
@ConfigurationProperties("kyso.delivery")
public record DeliveryConfiguration(
        @Bindable(defaultValue = "gateway") @NotBlank String sms,
        @Bindable(defaultValue = "none") @NotBlank String email) {

    public static final String NONE = "none";
}
