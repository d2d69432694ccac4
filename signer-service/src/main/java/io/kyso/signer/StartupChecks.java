package io.kyso.signer;

import io.kyso.signer.confirmation.OtpChannel;
import io.kyso.signer.confirmation.OtpConfiguration;
import io.kyso.signer.hsm.HsmConfiguration;
import io.kyso.signer.pki.CertificateAuthority;
import io.kyso.signer.pki.PkiConfiguration;
import io.kyso.signer.signing.SigningConfiguration;
import io.kyso.signer.storage.StorageConfiguration;
import io.kyso.signer.verification.ServiceTrust;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.annotation.PostConstruct;

/**
 * Refuses to start half-configured: development defaults outside the {@code dev} environment,
 * then every configuration record and the beans the API cannot work without, so a mistake stops
 * the start with a message naming the property instead of failing the first citizen.
 */
@Context
public class StartupChecks {
    private final Environment environment;
    private final BeanProvider<HsmConfiguration> hsm;
    private final BeanProvider<OtpConfiguration> otp;
    private final BeanProvider<SigningConfiguration> signing;
    private final BeanProvider<StorageConfiguration> storage;
    private final BeanProvider<PkiConfiguration> pki;
    private final BeanProvider<CertificateAuthority> ca;
    private final BeanProvider<OtpChannel> channel;
    private final BeanProvider<ServiceTrust> verificationTrust;

    public StartupChecks(Environment environment, BeanProvider<HsmConfiguration> hsm,
                         BeanProvider<OtpConfiguration> otp, BeanProvider<SigningConfiguration> signing,
                         BeanProvider<StorageConfiguration> storage, BeanProvider<PkiConfiguration> pki,
                         BeanProvider<CertificateAuthority> ca, BeanProvider<OtpChannel> channel,
                         BeanProvider<ServiceTrust> verificationTrust) {
        this.environment = environment;
        this.hsm = hsm;
        this.otp = otp;
        this.signing = signing;
        this.storage = storage;
        this.pki = pki;
        this.ca = ca;
        this.channel = channel;
        this.verificationTrust = verificationTrust;
    }

    @PostConstruct
    void check() {
        if (!environment.getActiveNames().contains(Environment.DEVELOPMENT)) {
            refuseDevelopmentDefaults();
        }
        hsm.get();
        otp.get();
        signing.get();
        storage.get();
        pki.get();
        if (!ca.isPresent()) {
            throw new ConfigurationException("kyso.pki: no certificate authority is configured");
        }
        if (!channel.isPresent()) {
            throw new ConfigurationException("kyso.otp: no channel to deliver one-time codes is configured");
        }
        verificationTrust.get(); // reads the configured trust anchors, or names the property that is wrong
    }

    private void refuseDevelopmentDefaults() {
        if (environment.containsProperties("kyso.dev")) {
            throw new ConfigurationException("kyso.dev.*: development settings (the development portal and its API key) "
                    + "are refused outside the 'dev' environment");
        }
        if (environment.getProperty("kyso.pki.dev-ca", Boolean.class).orElse(false)) {
            throw new ConfigurationException("kyso.pki.dev-ca: the development CA is refused outside the 'dev' environment");
        }
        String label = environment.getProperty("kyso.hsm.token-label", String.class).orElse("");
        if (label.startsWith("kyso-dev")) {
            throw new ConfigurationException("kyso.hsm.token-label: the development token '" + label
                    + "' is refused outside the 'dev' environment");
        }
    }
}
