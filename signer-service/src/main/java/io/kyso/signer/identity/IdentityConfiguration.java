package io.kyso.signer.identity;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;

import java.net.URI;

/**
 * The national identity provider citizens prove who they are with when they activate a credential
 * (VNeID in production), over OpenID Connect. Absent (no {@code issuer}), activation asks only for
 * the codes sent to the enrolled phone and email. Kyso's client secret is a secret
 * ({@code kyso.identity.client-secret} / {@code KYSO_IDENTITY_CLIENT_SECRET}, or Vault's
 * {@code identity-client-secret}). Kyso's redirect URI at the provider is
 * {@code <kyso.public-url>/a/identity/callback}.
 *
 * @param issuer          the provider's issuer identifier; its discovery document is at
 *                        {@code <issuer>/.well-known/openid-configuration}; https outside development
 * @param clientId        Kyso's client id at the provider
 * @param nationalIdClaim the ID token claim carrying the citizen's 12-digit CCCD number
 * @param displayName     how the activation page names the provider
 * @param scope           the scopes asked for; must include {@code openid}
 */
@Context
@ConfigurationProperties("kyso.identity")
public record IdentityConfiguration(
        @Nullable URI issuer,
        @Nullable String clientId,
        @Bindable(defaultValue = "sub") @NotBlank String nationalIdClaim,
        @Bindable(defaultValue = "VNeID") @NotBlank String displayName,
        @Bindable(defaultValue = "openid") @NotBlank String scope) {

    public IdentityConfiguration {
        if (issuer != null) {
            if (!"https".equals(issuer.getScheme()) && !"http".equals(issuer.getScheme())) {
                throw new IllegalArgumentException("kyso.identity.issuer must be an http(s) URL, was " + issuer);
            }
            if (clientId == null || clientId.isBlank()) {
                throw new IllegalArgumentException("kyso.identity.client-id is required with kyso.identity.issuer");
            }
            if (!java.util.Arrays.asList(scope.split(" ")).contains("openid")) {
                throw new IllegalArgumentException("kyso.identity.scope must include openid, was '" + scope + "'");
            }
        }
    }

    /** Whether a national identity provider is configured. */
    public boolean configured() {
        return issuer != null;
    }
}
