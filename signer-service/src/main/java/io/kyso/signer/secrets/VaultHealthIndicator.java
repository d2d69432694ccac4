package io.kyso.signer.secrets;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Readiness of Vault, through its unauthenticated {@code /v1/sys/health}: 200 means initialised,
 * unsealed and active. Secrets are read at start-up, so a Vault outage does not stop signing; it
 * is reported so that operators see it before the next deployment needs Vault.
 */
@Singleton
@Readiness
@Requires(property = "kyso.secrets.vault.address")
public class VaultHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final VaultConfiguration config;
    private final HttpClient http;

    public VaultHealthIndicator(VaultConfiguration config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(config.address() + "/v1/sys/health"))
                    .timeout(config.timeout()).GET().build(), HttpResponse.BodyHandlers.discarding());
            healthStatus = response.statusCode() == 200 ? HealthStatus.UP : HealthStatus.DOWN;
            return Map.of("status", response.statusCode());
        } catch (IOException e) {
            healthStatus = HealthStatus.DOWN;
            return Map.of("error", "unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            healthStatus = HealthStatus.DOWN;
            return Map.of("error", "interrupted");
        }
    }

    @Override
    protected String getName() {
        return "vault";
    }
}
