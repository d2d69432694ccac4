package io.kyso.signer.portal;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * A portal declared in configuration, e.g. {@code kyso.portals.dvc-hanoi.name}. Only the SHA-256 of
 * its API key is configured; the key itself is the portal's secret.
 */
@EachProperty("kyso.portals")
public record PortalDefinition(
        @Parameter @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}") String id,
        @NotBlank String name,
        @NotBlank @Pattern(regexp = "[0-9a-f]{64}", message = "must be the lowercase hex SHA-256 of the API key")
        String apiKeySha256) {
}
