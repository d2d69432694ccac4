package io.kyso.signer.secrets;

import io.micronaut.context.exceptions.ConfigurationException;

import java.util.Optional;

/**
 * Where the service's secrets come from: Vault when {@code kyso.secrets.vault.address} is set,
 * configuration and the environment otherwise; never a source file. Values are never logged.
 */
public interface Secrets {

    Optional<String> find(Secret secret);

    /** Where {@code secret} is looked for, for error messages (never its value). */
    String location(Secret secret);

    default String require(Secret secret) {
        return find(secret).filter(v -> !v.isBlank()).orElseThrow(() ->
                new ConfigurationException(location(secret) + ": the secret is missing"));
    }
}
