package io.kyso.signer.delivery;

import io.kyso.signer.support.Masked;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.net.URI;
import java.time.Duration;

/**
 * The HTTP SMS gateway: where to POST, how to authenticate (HTTP Basic), and how patient to be.
 *
 * @param url            the gateway's send endpoint; it receives {@code {"to", "text", "sender"}} as JSON
 * @param username       Basic-auth user, if the gateway wants one
 * @param password       Basic-auth password (a secret: from the environment or Vault)
 * @param sender         the sender name or number the gateway shows, if any
 * @param connectTimeout how long to wait for a connection
 * @param timeout        how long to wait for the gateway's answer to one attempt
 * @param retries        further attempts after a failure that may pass (no answer, 429, 5xx)
 * @param retryDelay     pause before the first retry; doubled for each further one
 */
@ConfigurationProperties("kyso.sms-gateway")
public record SmsGatewayConfiguration(
        @NotNull URI url,
        @Nullable String username,
        @Nullable String password,
        @Nullable String sender,
        @Bindable(defaultValue = "3s") Duration connectTimeout,
        @Bindable(defaultValue = "5s") Duration timeout,
        @Bindable(defaultValue = "2") @Min(0) @Max(5) int retries,
        @Bindable(defaultValue = "500ms") Duration retryDelay) {

    @Override
    public String toString() {
        return "SmsGatewayConfiguration[url=" + url + ", username=" + username + ", password="
                + Masked.presence(password) + ", retries=" + retries + "]";
    }
}
