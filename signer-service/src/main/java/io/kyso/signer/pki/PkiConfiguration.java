package io.kyso.signer.pki;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * The certificate authority settings. The URLs are written into the certificates Kyso issues, so
 * they must be reachable by relying parties (by default under {@code kyso.public-url}).
 *
 * @param crlUrl                    the CRL distribution point written into end-entity certificates
 * @param rootCrlUrl                the distribution point of the root's CRL, written into the issuing CA's certificate
 * @param ocspUrl                   the OCSP responder, in every certificate's Authority Information Access
 * @param issuingCaCertificateUrl   where the issuing CA's certificate is served (DER): end-entity certificates' caIssuers
 * @param rootCaCertificateUrl      where the root's certificate is served (DER): the issuing CA's caIssuers (development root)
 * @param devCa                     whether to run the development CA (keys in the HSM); refused outside {@code dev}
 * @param citizenValidity           how long a citizen certificate is valid
 * @param ocspResponderValidity     how long the delegated OCSP responder's certificate is valid; it is
 *                                  renewed when a third of that remains (its status is never checked, so it stays short)
 */
@Context
@ConfigurationProperties("kyso.pki")
public record PkiConfiguration(
        @NotBlank String crlUrl,
        @NotBlank String rootCrlUrl,
        @NotBlank String ocspUrl,
        @NotBlank String issuingCaCertificateUrl,
        @NotBlank String rootCaCertificateUrl,
        @Bindable(defaultValue = "false") boolean devCa,
        @Bindable(defaultValue = "730d") Duration citizenValidity,
        @Bindable(defaultValue = "30d") @NotNull Duration ocspResponderValidity) {

    /** Where the issuing CA's end-entity certificates point relying parties. */
    PublicationPoints endEntityPoints() {
        return new PublicationPoints(issuingCaCertificateUrl, ocspUrl, crlUrl);
    }

    /** Where the development root points relying parties from the issuing CA's certificate. */
    PublicationPoints issuingCaPoints() {
        return new PublicationPoints(rootCaCertificateUrl, ocspUrl, rootCrlUrl);
    }
}
