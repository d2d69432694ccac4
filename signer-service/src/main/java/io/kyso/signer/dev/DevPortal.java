package io.kyso.signer.dev;

import io.kyso.signer.portal.ApiKeys;
import io.kyso.signer.portal.PortalDirectory;
import io.kyso.signer.webhook.PortalWebhookSecret;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;

/**
 * Registers the development portal from {@code kyso.dev.api-key} (which {@code scripts/run}
 * generates once per data folder). Exists only in the {@code dev} environment; elsewhere any
 * {@code kyso.dev.*} setting stops the start.
 */
@Context
@Requires(env = Environment.DEVELOPMENT)
@Requires(property = "kyso.dev.api-key")
public class DevPortal {
    public static final String ID = "dev-portal";

    private final PortalDirectory directory;
    private final String apiKey;
    private final String name;

    public DevPortal(PortalDirectory directory, @Value("${kyso.dev.api-key}") String apiKey,
                     @Value("${kyso.dev.portal-name:Cổng Dịch vụ công (phát triển)}") String name) {
        this.directory = directory;
        this.apiKey = apiKey;
        this.name = name;
    }

    @PostConstruct
    void register() {
        directory.register(ID, name, ApiKeys.sha256Hex(apiKey));
    }

    /** The development portal's webhook secret ({@code kyso.dev.webhook-secret}, which {@code scripts/run} generates). */
    @Factory
    @Requires(env = Environment.DEVELOPMENT)
    static class WebhookSecretFactory {
        @Singleton
        @Requires(property = "kyso.dev.webhook-secret")
        PortalWebhookSecret devPortalWebhookSecret(@Value("${kyso.dev.webhook-secret}") String secret) {
            return new PortalWebhookSecret(ID, secret, "kyso.dev.webhook-secret");
        }
    }
}
