package io.kyso.signer.csc;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import java.net.URI;
import java.util.List;

/**
 * A portal as an OAuth 2.0 client of the CSC API ({@code kyso.csc.clients.<portal id>.*}): its client
 * id is the portal's id; it authenticates with its API key as client secret, or with a client secret
 * of its own whose SHA-256 is configured here. Only a portal listed here may ask for credential
 * authorizations, and the citizen is sent back only to one of its registered redirect URIs (exact match).
 *
 * @param id                 the portal's id
 * @param redirectUris       where the citizen returns after confirming (https, or http on this machine in dev)
 * @param clientSecretSha256 the lowercase hex SHA-256 of a client secret, if the portal uses one besides its API key
 */
@EachProperty("kyso.csc.clients")
public record CscClientDefinition(
        @Parameter String id,
        @NotEmpty List<URI> redirectUris,
        @Nullable @Pattern(regexp = "[0-9a-f]{64}", message = "must be the lowercase hex SHA-256 of the client secret")
        String clientSecretSha256) {

    @Override
    public String toString() {
        return "CscClientDefinition[id=" + id + ", redirectUris=" + redirectUris + "]";
    }
}
