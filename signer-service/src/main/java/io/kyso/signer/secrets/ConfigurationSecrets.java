package io.kyso.signer.secrets;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Secrets from configuration: properties, or environment variables such as {@code KYSO_HSM_PIN}. */
@Singleton
@Requires(missingProperty = "kyso.secrets.vault.address")
public class ConfigurationSecrets implements Secrets {
    private final Environment environment;

    public ConfigurationSecrets(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Optional<String> find(Secret secret) {
        return environment.getProperty(secret.property(), String.class);
    }

    @Override
    public String location(Secret secret) {
        String variable = secret.property().toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
        return secret.property() + " (environment " + variable + ")";
    }
}
