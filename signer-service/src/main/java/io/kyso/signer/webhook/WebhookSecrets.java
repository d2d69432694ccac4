package io.kyso.signer.webhook;

import io.kyso.signer.portal.PortalDefinition;
import io.kyso.signer.secrets.Secret;
import io.kyso.signer.secrets.Secrets;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The portals' webhook secrets, from {@link Secrets}: configuration ({@code kyso.portals.<id>.webhook-secret})
 * or Vault ({@code webhook-secret.<id>}), and those other features contribute ({@link PortalWebhookSecret}:
 * the development portal's). Held as bytes, handed out as copies, and never logged or shown. Read at
 * start-up: a secret too short stops the start with its property's name.
 */
@Context
public class WebhookSecrets {
    static final int MIN_LENGTH = 32;

    private final Map<String, byte[]> secrets = new HashMap<>();

    public WebhookSecrets(List<PortalDefinition> portals, List<PortalWebhookSecret> contributed,
                          Secrets vaultOrConfiguration) {
        for (PortalDefinition portal : portals) {
            vaultOrConfiguration.find(Secret.webhookSecret(portal.id())).ifPresent(secret -> {
                if (secret.length() < MIN_LENGTH) {
                    throw new ConfigurationException(vaultOrConfiguration.location(Secret.webhookSecret(portal.id()))
                            + ": a webhook secret needs at least " + MIN_LENGTH + " characters");
                }
                secrets.put(portal.id(), secret.getBytes(StandardCharsets.UTF_8));
            });
        }
        for (PortalWebhookSecret other : contributed) {
            if (other.secret().length() < MIN_LENGTH) {
                throw new ConfigurationException(other.property() + ": a webhook secret needs at least " + MIN_LENGTH
                        + " characters");
            }
            secrets.put(other.portalId(), other.secret().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The portal's secret, if it has one. */
    public Optional<byte[]> of(String portalId) {
        byte[] secret = secrets.get(portalId);
        return secret == null ? Optional.empty() : Optional.of(secret.clone());
    }
}
