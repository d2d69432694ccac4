package io.kyso.signer.pki;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;

import java.time.Duration;

/**
 * The certificate authority settings.
 *
 * @param crlUrl           the CRL distribution point written into citizen certificates
 * @param rootCrlUrl       the distribution point of the root's CRL, written into the issuing CA's certificate
 * @param devCa            whether to run the development CA (keys in the HSM); refused outside {@code dev}
 * @param citizenValidity  how long a citizen certificate is valid
 */
@Context
@ConfigurationProperties("kyso.pki")
public record PkiConfiguration(
        @NotBlank String crlUrl,
        @NotBlank String rootCrlUrl,
        @Bindable(defaultValue = "false") boolean devCa,
        @Bindable(defaultValue = "730d") Duration citizenValidity) {
}
