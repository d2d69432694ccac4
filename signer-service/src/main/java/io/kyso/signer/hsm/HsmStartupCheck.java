package io.kyso.signer.hsm;

import io.kyso.signer.secrets.Secret;
import io.kyso.signer.secrets.Secrets;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Order;

/**
 * The HSM's start-up check, among the first: the development token is refused outside {@code dev},
 * so is letting Kyso create the wrapping key, and the token's PIN must be there (configuration or
 * Vault), named where it was looked for.
 */
@Context
@Order(-300)
public class HsmStartupCheck {
    public HsmStartupCheck(HsmConfiguration config, Secrets secrets, Environment environment) {
        if (!environment.getActiveNames().contains(Environment.DEVELOPMENT) && config.tokenLabel().startsWith("kyso-dev")) {
            throw new ConfigurationException("kyso.hsm.token-label: the development token '" + config.tokenLabel()
                    + "' is refused outside the 'dev' environment");
        }
        if (config.createWrappingKey() && !environment.getActiveNames().contains(Environment.DEVELOPMENT)) {
            // a key Kyso creates has no unwrap template (the JDK's PKCS#11 wrapper cannot set one): whoever
            // holds the PIN and a copy of the database could unwrap citizens' keys as extractable
            throw new ConfigurationException("kyso.hsm.create-wrapping-key: Kyso creates the wrapping key only in"
                    + " the 'dev' environment; outside it the HSM administrators provision it with an unwrap template"
                    + " (docs/operations.md, \"Citizens' keys\")");
        }
        secrets.require(Secret.HSM_PIN);
    }
}
