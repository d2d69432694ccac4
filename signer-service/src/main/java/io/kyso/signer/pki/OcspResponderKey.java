package io.kyso.signer.pki;

import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeyEntry;
import io.kyso.hsm.KeySpec;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The delegated OCSP responder's key in the HSM, certified by the issuing CA with
 * {@code id-pkix-ocsp-nocheck}: its own status is never checked, so its certificate is short-lived
 * ({@code kyso.pki.ocsp-responder-validity}) and replaced by a new key when a third of it remains.
 *
 * <p>Each key has its own alias, named after the issuing CA and the third of the validity it was
 * made in ({@code kyso-ocsp-<ca>-<period>}): every instance derives the current alias from its
 * clock, the first to need it generates it, and a key is never replaced under an alias another
 * instance may have cached. A new issuing CA gets a new responder the same way. Thread-safe.
 */
@Singleton
public class OcspResponderKey {
    private static final Logger LOG = LoggerFactory.getLogger(OcspResponderKey.class);
    private static final String PREFIX = "kyso-ocsp-";

    private final HsmToken hsm;
    private final CertificateAuthority ca;
    private final Duration period;
    private final Clock clock;
    private volatile KeyEntry current;

    public OcspResponderKey(HsmToken hsm, CertificateAuthority ca, PkiConfiguration config, Clock clock) {
        this.hsm = hsm;
        this.ca = ca;
        this.period = config.ocspResponderValidity().dividedBy(3);
        this.clock = clock;
    }

    /** The responder's key for now: found in the HSM, or generated there and certified. */
    KeyEntry current() {
        X509Certificate issuingCa = ca.caChain().get(0);
        long periodIndex = clock.millis() / period.toMillis();
        String alias = aliasFor(issuingCa, periodIndex);
        KeyEntry entry = current;
        if (entry != null && entry.alias().equals(alias)) {
            return entry;
        }
        synchronized (this) {
            if (current == null || !current.alias().equals(alias)) {
                current = hsm.find(alias).orElseGet(() -> generate(alias));
                // a key made four periods ago or earlier has expired (validity: three periods)
                destroyQuietly(aliasFor(issuingCa, periodIndex - 4));
            }
            return current;
        }
    }

    /** Forgets the cached key, e.g. after the HSM said it is gone. */
    void forget() {
        current = null;
    }

    private KeyEntry generate(String alias) {
        LOG.info("Generating the OCSP responder key {} in the HSM", alias);
        try {
            return hsm.generate(alias, KeySpec.EC_P256, ca.ocspResponderIssuer());
        } catch (IllegalArgumentException taken) {
            // another instance generated it at the same moment
            return hsm.find(alias).orElseThrow(() -> taken);
        }
    }

    private void destroyQuietly(String alias) {
        try {
            hsm.destroy(alias);
        } catch (RuntimeException e) {
            LOG.warn("Could not destroy the expired OCSP responder key {}", alias, e);
        }
    }

    static String aliasFor(X509Certificate issuingCa, long periodIndex) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(issuingCa.getEncoded());
            return PREFIX + HexFormat.of().formatHex(digest, 0, 6) + "-" + periodIndex;
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
