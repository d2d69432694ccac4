package io.kyso.signer.secrets;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;

import java.time.Duration;

/**
 * Vault's address and how to log in: a token, or AppRole (role id and secret id). Secrets are read
 * from one KV version 2 secret, {@code <kv-mount>/<path>}, whose keys are {@link Secret#vaultKey()}.
 */
@ConfigurationProperties("kyso.secrets.vault")
public record VaultConfiguration(
        @NotBlank String address,
        @Nullable String token,
        @Nullable String roleId,
        @Nullable String secretId,
        @Bindable(defaultValue = "approle") String appRoleMount,
        @Bindable(defaultValue = "secret") String kvMount,
        @Bindable(defaultValue = "kyso") String path,
        @Bindable(defaultValue = "5s") Duration timeout) {

    public String secretPath() {
        return kvMount + "/" + path;
    }

    @Override
    public String toString() {
        return "VaultConfiguration[address=" + address + ", auth=" + (token != null ? "token" : "approle")
                + ", secret=" + secretPath() + "]";
    }
}
