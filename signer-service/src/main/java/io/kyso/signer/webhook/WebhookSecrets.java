package io.kyso.signer.webhook;

import io.kyso.signer.dev.DevPortal;
import io.kyso.signer.portal.PortalDefinition;
import io.kyso.signer.secrets.Secret;
import io.kyso.signer.secrets.Secrets;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The portals' webhook secrets, from {@link Secrets}: configuration ({@code kyso.portals.<id>.webhook-secret})
 * or Vault ({@code webhook-secret.<id>}); for the development portal {@code kyso.dev.webhook-secret}.
 * Held as bytes, handed out as copies, and never logged or shown.
 */
@Singleton
public class WebhookSecrets {
    static final int MIN_LENGTH = 32;
    private static final String DEV_PROPERTY = "kyso.dev.webhook-secret";

    private final Map<String, byte[]> secrets = new HashMap<>();

    public WebhookSecrets(List<PortalDefinition> portals, Secrets vaultOrConfiguration, Environment environment) {
        for (PortalDefinition portal : portals) {
            vaultOrConfiguration.find(Secret.webhookSecret(portal.id())).ifPresent(secret -> {
                if (secret.length() < MIN_LENGTH) {
                    throw new ConfigurationException(vaultOrConfiguration.location(Secret.webhookSecret(portal.id()))
                            + ": a webhook secret needs at least " + MIN_LENGTH + " characters");
                }
                secrets.put(portal.id(), secret.getBytes(StandardCharsets.UTF_8));
            });
        }
        environment.getProperty(DEV_PROPERTY, String.class).ifPresent(secret -> {
            if (secret.length() < MIN_LENGTH) {
                throw new ConfigurationException(DEV_PROPERTY + ": a webhook secret needs at least " + MIN_LENGTH
                        + " characters");
            }
            secrets.put(DevPortal.ID, secret.getBytes(StandardCharsets.UTF_8));
        });
    }

    /** The portal's secret, if it has one. */
    public Optional<byte[]> of(String portalId) {
        byte[] secret = secrets.get(portalId);
        return secret == null ? Optional.empty() : Optional.of(secret.clone());
    }
}
