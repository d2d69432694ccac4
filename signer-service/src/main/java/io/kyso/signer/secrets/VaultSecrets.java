package io.kyso.signer.secrets;

import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.LogicalResponse;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/**
 * Secrets from HashiCorp Vault's KV version 2 engine, read once at start-up with a token or an
 * AppRole login. An unreachable Vault, a refused login or a missing secret stops the start with a
 * message naming the address or the path; values are never logged.
 */
@Singleton
@Requires(property = "kyso.secrets.vault.address")
public class VaultSecrets implements Secrets {
    private static final Logger LOG = LoggerFactory.getLogger(VaultSecrets.class);
    private static final int KV_VERSION = 2;

    private final VaultConfiguration config;
    private final Map<String, String> values;

    public VaultSecrets(VaultConfiguration config) {
        this.config = config;
        this.values = Map.copyOf(read(config));
        LOG.info("Read {} secret(s) from Vault at {} ({})", values.size(), config.address(), config.secretPath());
    }

    @Override
    public Optional<String> find(Secret secret) {
        return Optional.ofNullable(values.get(secret.vaultKey()));
    }

    @Override
    public String location(Secret secret) {
        return "Vault " + config.address() + " " + kvDataPath() + " key '" + secret.vaultKey() + "'";
    }

    private String kvDataPath() {
        return config.kvMount() + "/data/" + config.path();
    }

    private static Map<String, String> read(VaultConfiguration config) {
        try {
            Vault vault = Vault.create(vaultConfig(config, token(config)), KV_VERSION);
            LogicalResponse response = vault.logical().read(config.secretPath());
            int status = response.getRestResponse().getStatus();
            if (status != 200) {
                throw new ConfigurationException("kyso.secrets.vault: reading " + config.kvMount() + "/data/"
                        + config.path() + " from " + config.address() + " answered HTTP " + status);
            }
            return response.getData();
        } catch (VaultException e) {
            throw new ConfigurationException("kyso.secrets.vault: cannot read " + config.kvMount() + "/data/"
                    + config.path() + " from " + config.address() + " (" + e.getMessage() + ")", e);
        }
    }

    private static String token(VaultConfiguration config) throws VaultException {
        if (config.token() != null && !config.token().isBlank()) {
            return config.token();
        }
        if (config.roleId() == null || config.secretId() == null) {
            throw new ConfigurationException("kyso.secrets.vault: set either token, or role-id and secret-id (AppRole)");
        }
        Vault anonymous = Vault.create(vaultConfig(config, null), KV_VERSION);
        return anonymous.auth().loginByAppRole(config.appRoleMount(), config.roleId(), config.secretId())
                .getAuthClientToken();
    }

    private static VaultConfig vaultConfig(VaultConfiguration config, String token) throws VaultException {
        int seconds = (int) Math.max(1, config.timeout().toSeconds());
        VaultConfig vaultConfig = new VaultConfig().address(config.address()).openTimeout(seconds).readTimeout(seconds)
                .engineVersion(KV_VERSION);
        if (token != null) {
            vaultConfig.token(token);
        }
        return vaultConfig.build();
    }
}
