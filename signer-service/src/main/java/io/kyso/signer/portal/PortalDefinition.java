package io.kyso.signer.portal;

import io.kyso.signer.support.Masked;
import io.kyso.signer.signing.SignatureLevel;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A portal declared in configuration, e.g. {@code kyso.portals.dvc-hanoi.name}. Only the SHA-256 of
 * its API key is configured; the key itself is the portal's secret. The webhook secret, which Kyso
 * signs callbacks with, is shared with the portal; {@link #toString()} never shows it.
 *
 * @param webhookSecret at least 32 characters; without it the portal's requests cannot have a callback URL
 * @param defaultLevel  the level its documents are signed at unless a document's options name one;
 *                      absent: the deployment's {@code kyso.signing.default-level}
 */
@EachProperty("kyso.portals")
public record PortalDefinition(
        @Parameter @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}") String id,
        @NotBlank String name,
        @NotBlank @Pattern(regexp = "[0-9a-f]{64}", message = "must be the lowercase hex SHA-256 of the API key")
        String apiKeySha256,
        @Nullable @Size(min = 32, message = "must be at least 32 characters") String webhookSecret,
        @Nullable SignatureLevel defaultLevel) {

    @Override
    public String toString() {
        return "PortalDefinition[id=" + id + ", name=" + name + ", webhookSecret="
                + Masked.presence(webhookSecret) + ", defaultLevel=" + defaultLevel + "]";
    }
}
