package io.kyso.signer.hsm;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;

/**
 * Which PKCS#11 token holds the keys. The PIN comes from configuration (usually the environment
 * variable {@code KYSO_HSM_PIN}) or Vault, never from a source file; {@link #toString()} hides it.
 *
 * @param library    path of the PKCS#11 library, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
 * @param tokenLabel the token's label (Kyso maps it to a slot itself)
 * @param pin        the user PIN
 */
@ConfigurationProperties("kyso.hsm")
public record HsmConfiguration(@NotBlank String library, @NotBlank String tokenLabel, @NotBlank String pin) {

    @Override
    public String toString() {
        return "HsmConfiguration[library=" + library + ", tokenLabel=" + tokenLabel + ", pin=(supplied)]";
    }
}
