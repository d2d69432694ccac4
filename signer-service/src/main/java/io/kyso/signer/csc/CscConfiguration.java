package io.kyso.signer.csc;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import java.time.Duration;

/**
 * The CSC API v2 front door and its OAuth 2.0 authorization server ({@code kyso.csc.*}).
 *
 * @param serviceTokenLifetime    how long a portal's service token ({@code client_credentials}) works
 * @param credentialTokenLifetime how long a credential token (the SAD) works once issued: minutes at most
 * @param authorizationLifetime   how long the citizen has to confirm a credential authorization
 * @param codeLifetime            how long an authorization code waits to be exchanged
 * @param pushedRequestLifetime   how long a pushed authorization request's URI may be used
 * @param maxHashes               hashes one credential authorization (and one signHash call) may carry:
 *                                the credentials' {@code multisign}
 * @param maxListedCredentials    credentials {@code credentials/list} answers without a {@code userID};
 *                                beyond that the portal must name the citizen
 * @param maxDocumentBytes        the largest document {@code signatures/signDoc} takes
 * @param name                    the service's name in {@code info}
 * @param region                  its country (ISO 3166-1 alpha-2)
 */
@Context
@ConfigurationProperties("kyso.csc")
public record CscConfiguration(
        @Bindable(defaultValue = "1h") Duration serviceTokenLifetime,
        @Bindable(defaultValue = "5m") Duration credentialTokenLifetime,
        @Bindable(defaultValue = "10m") Duration authorizationLifetime,
        @Bindable(defaultValue = "60s") Duration codeLifetime,
        @Bindable(defaultValue = "90s") Duration pushedRequestLifetime,
        @Bindable(defaultValue = "200") @Min(1) @Max(1000) int maxHashes,
        @Bindable(defaultValue = "1000") @Min(1) int maxListedCredentials,
        @Bindable(defaultValue = "20971520") @Min(1) long maxDocumentBytes,
        @Bindable(defaultValue = "Kyso") @NotBlank String name,
        @Bindable(defaultValue = "VN") @NotBlank String region) {

    public CscConfiguration {
        requireWithin("kyso.csc.credential-token-lifetime", credentialTokenLifetime, Duration.ofMinutes(15));
        requireWithin("kyso.csc.authorization-lifetime", authorizationLifetime, Duration.ofMinutes(30));
        requireWithin("kyso.csc.code-lifetime", codeLifetime, Duration.ofMinutes(10));
        requireWithin("kyso.csc.pushed-request-lifetime", pushedRequestLifetime, Duration.ofMinutes(10));
        requireWithin("kyso.csc.service-token-lifetime", serviceTokenLifetime, Duration.ofHours(24));
    }

    private static void requireWithin(String property, Duration value, Duration max) {
        if (value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(property + " must be between 1 second and " + max + ", was " + value);
        }
    }
}
