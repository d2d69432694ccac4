package io.kyso.signer.dev;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Order;

/**
 * Outside the {@code dev} environment, any {@code kyso.dev.*} setting (the development portal and
 * its API key) stops the start: a production service must never accept a development key.
 */
@Context
@Order(-400)
@Requires(notEnv = Environment.DEVELOPMENT)
public class DevelopmentSettingsRefused {
    public DevelopmentSettingsRefused(Environment environment) {
        if (environment.containsProperties("kyso.dev")) {
            throw new ConfigurationException("kyso.dev.*: development settings (the development portal and its API key) "
                    + "are refused outside the 'dev' environment");
        }
    }
}
