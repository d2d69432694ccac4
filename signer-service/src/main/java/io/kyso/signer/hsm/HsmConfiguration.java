package io.kyso.signer.hsm;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Which PKCS#11 token holds the keys. Its user PIN is a secret ({@code kyso.hsm.pin} /
 * {@code KYSO_HSM_PIN}, or Vault's {@code hsm-pin}): see {@link io.kyso.signer.secrets.Secrets}.
 *
 * @param library     path of the PKCS#11 library, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
 * @param tokenLabel  the token's label (Kyso maps it to a slot itself)
 * @param citizenKeys where new citizens' private keys live: {@code WRAPPED} (default) wrapped under
 *                    the token's AES key {@code wrappingKey} and kept in the database, so that the
 *                    token's size, start-up and enrollment do not grow with the number of citizens;
 *                    or {@code TOKEN}, one key object per citizen in the token
 * @param wrappingKey the label of that AES key (sensitive, never extractable, wrap/unwrap only),
 *                    checked at start-up and before each enrollment
 * @param createWrappingKey whether Kyso creates that key when the token has none: the development
 *                    default; in production the HSM administrators provision it with an unwrap
 *                    template (docs/operations.md), which Kyso cannot set
 */
@Context
@ConfigurationProperties("kyso.hsm")
public record HsmConfiguration(@NotBlank String library, @NotBlank String tokenLabel,
                               @Bindable(defaultValue = "WRAPPED") @NotNull CitizenKeys citizenKeys,
                               @Bindable(defaultValue = "kyso-citizen-wrap") @NotBlank @Size(max = 64) String wrappingKey,
                               @Bindable(defaultValue = "false") boolean createWrappingKey) {

    /** Where new citizens' private keys live. */
    public enum CitizenKeys {
        WRAPPED,
        TOKEN
    }
}
