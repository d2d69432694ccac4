package io.kyso.signer.hsm;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;

/**
 * Which PKCS#11 token holds the keys. Its user PIN is a secret ({@code kyso.hsm.pin} /
 * {@code KYSO_HSM_PIN}, or Vault's {@code hsm-pin}): see {@link io.kyso.signer.secrets.Secrets}.
 *
 * @param library    path of the PKCS#11 library, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
 * @param tokenLabel the token's label (Kyso maps it to a slot itself)
 */
@ConfigurationProperties("kyso.hsm")
public record HsmConfiguration(@NotBlank String library, @NotBlank String tokenLabel) {
}
