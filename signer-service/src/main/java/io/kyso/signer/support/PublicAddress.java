package io.kyso.signer.support;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.NotBlank;

/**
 * Where citizens, portals and validators reach this service: the base of every link it hands out
 * (confirmation and enrollment pages, CRL and OCSP addresses in certificates).
 *
 * @param publicUrl {@code kyso.public-url}, e.g. {@code https://kyso.example.gov.vn}
 */
@Context
@ConfigurationProperties("kyso")
public record PublicAddress(@NotBlank String publicUrl) {

    /** {@code path} (starting with {@code /}) under the public URL. */
    public String link(String path) {
        return publicUrl.replaceAll("/+$", "") + path;
    }

    /** Whether the service is reached over HTTPS, so cookies may be marked secure. */
    public boolean isHttps() {
        return publicUrl.startsWith("https:");
    }
}
