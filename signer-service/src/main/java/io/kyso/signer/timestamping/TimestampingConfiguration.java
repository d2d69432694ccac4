package io.kyso.signer.timestamping;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.net.URI;
import java.time.Duration;

/**
 * The timestamping authority signatures are timestamped by: Kyso's own in development
 * ({@code <public-url>/pki/tsa}), a licensed one in production.
 *
 * @param url            where RFC 3161 requests are posted
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for the whole answer once the request is sent
 * @param policy         the TSA policy OID to ask for, if the authority has several; null: its default
 * @param username       for an authority that wants HTTP basic authentication; null: none
 * @param password       its password (from the environment or Vault, never logged)
 */
@ConfigurationProperties("kyso.timestamping")
public record TimestampingConfiguration(
        @NotNull URI url,
        @Bindable(defaultValue = "5s") @NotNull Duration connectTimeout,
        @Bindable(defaultValue = "10s") @NotNull Duration readTimeout,
        @Nullable @Pattern(regexp = "[0-2](\\.(0|[1-9][0-9]*))+", message = "must be an object identifier") String policy,
        @Nullable String username,
        @Nullable String password) {

    @Override
    public String toString() {
        return "TimestampingConfiguration[url=" + url + ", connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + ", policy=" + policy + ", username=" + username + ", password supplied: "
                + (password != null) + "]";
    }
}
