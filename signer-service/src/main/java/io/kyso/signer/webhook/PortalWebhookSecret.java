package io.kyso.signer.webhook;

import io.kyso.signer.support.Masked;

/**
 * A portal's webhook secret contributed by another feature than configuration (the development
 * portal's, from {@code kyso.dev.webhook-secret}); {@link #toString()} never shows it.
 *
 * @param property where the secret came from, for error messages
 */
public record PortalWebhookSecret(String portalId, String secret, String property) {
    @Override
    public String toString() {
        return "PortalWebhookSecret[portalId=" + portalId + ", secret=" + Masked.presence(secret) + ", property=" + property + "]";
    }
}
