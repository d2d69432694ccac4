package io.kyso.signer;

import io.kyso.signer.confirmation.OneTimeCodes;
import io.kyso.signer.delivery.OtpChannels;
import io.kyso.signer.confirmation.OtpConfiguration;
import io.kyso.signer.hsm.HsmConfiguration;
import io.kyso.signer.idempotency.IdempotencyConfiguration;
import io.kyso.signer.pki.CertificateAuthority;
import io.kyso.signer.pki.PkiConfiguration;
import io.kyso.signer.secrets.Secret;
import io.kyso.signer.secrets.Secrets;
import io.kyso.signer.request.SigningConfiguration;
import io.kyso.signer.storage.DocumentStore;
import io.kyso.signer.storage.StorageConfiguration;
import io.kyso.signer.totp.SeedCipher;
import io.kyso.signer.totp.TotpConfiguration;
import io.kyso.signer.webhook.WebhookConfiguration;
import io.kyso.signer.verification.ServiceTrust;
import io.kyso.signer.webhook.WebhookSecrets;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.annotation.PostConstruct;

import java.util.List;

/**
 * Refuses to start half-configured: development defaults outside the {@code dev} environment, then
 * the secrets, every configuration record and the beans the API cannot work without, so a mistake
 * stops the start with a message naming the property instead of failing the first citizen.
 */
@Context
public class StartupChecks {
    /** Created (and so validated) at start-up, in this order; the store also creates its folders. */
    private static final List<Class<?>> REQUIRED = List.of(OneTimeCodes.class, HsmConfiguration.class,
            OtpConfiguration.class, SigningConfiguration.class, StorageConfiguration.class, DocumentStore.class,
            PkiConfiguration.class, IdempotencyConfiguration.class, WebhookConfiguration.class, WebhookSecrets.class,
            SeedCipher.class, TotpConfiguration.class);

    private final Environment environment;
    private final BeanContext beans;

    public StartupChecks(Environment environment, BeanContext beans) {
        this.environment = environment;
        this.beans = beans;
    }

    @PostConstruct
    void check() {
        if (!environment.getActiveNames().contains(Environment.DEVELOPMENT)) {
            refuseDevelopmentDefaults();
        }
        beans.getBean(Secrets.class).require(Secret.HSM_PIN);
        REQUIRED.forEach(beans::getBean);
        if (!beans.containsBean(CertificateAuthority.class)) {
            throw new ConfigurationException("kyso.pki: no certificate authority is configured");
        }
        beans.getBean(OtpChannels.class); // refuses a citizen channel kind without an implementation
        beans.getBean(ServiceTrust.class); // reads the verification trust anchors, or names the property
    }

    private void refuseDevelopmentDefaults() {
        if (environment.containsProperties("kyso.dev")) {
            throw new ConfigurationException("kyso.dev.*: development settings (the development portal and its API key) "
                    + "are refused outside the 'dev' environment");
        }
        for (String kind : new String[] {"sms", "email"}) {
            if ("outbox".equals(environment.getProperty("kyso.delivery." + kind, String.class).orElse(""))) {
                throw new ConfigurationException("kyso.delivery." + kind + ": the development outbox is refused"
                        + " outside the 'dev' environment");
            }
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
