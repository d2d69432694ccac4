package io.kyso.signer.pki;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Order;

/**
 * The PKI's start-up check: the development CA only in {@code dev}, and some certificate authority
 * configured (the development CA, or an issuing CA provisioned in the HSM), so that enrollment
 * cannot fail for the first citizen instead of at start-up. Runs before the checks of features that
 * only matter once a CA exists (order: see docs/architecture.md, "Start-up checks").
 */
@Context
@Order(-50)
public class PkiStartupCheck {
    public PkiStartupCheck(Environment environment, PkiConfiguration config,
                           BeanProvider<CertificateAuthority> authorities) {
        if (!environment.getActiveNames().contains(Environment.DEVELOPMENT)
                && environment.getProperty("kyso.pki.dev-ca", Boolean.class).orElse(false)) {
            throw new ConfigurationException("kyso.pki.dev-ca: the development CA is refused outside the 'dev' environment");
        }
        if (!authorities.isPresent()) {
            throw new ConfigurationException("kyso.pki: no certificate authority is configured (kyso.pki.dev-ca in"
                    + " development, kyso.pki.issuing-ca-alias in production)");
        }
    }
}
