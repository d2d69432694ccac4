package io.kyso.signer.testing;

import io.kyso.hsm.ChainIssuer;
import io.kyso.hsm.DigestAlgorithm;
import io.kyso.hsm.DigestBatch;
import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeyEntry;
import io.kyso.hsm.KeySpec;
import io.kyso.hsm.SignatureScheme;
import io.kyso.hsm.TokenHealth;
import io.kyso.hsm.TokenUnavailableException;
import io.kyso.hsm.WrappedKey;
import io.kyso.signer.hsm.HsmConfiguration;
import io.kyso.signer.hsm.HsmFactory;
import io.kyso.signer.metrics.KysoMetrics;
import io.kyso.signer.secrets.Secrets;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real SoftHSM2 token with a switch to make it go away after a number of signatures, as an HSM
 * whose network link drops half-way through a dossier. Active only with {@code kyso.test.flaky-hsm}.
 */
public final class FlakyHsm implements HsmToken {
    private static final AtomicInteger SIGNATURES_BEFORE_OUTAGE = new AtomicInteger(-1);
    private static final java.util.concurrent.atomic.AtomicBoolean LIBRARY_STUCK = new java.util.concurrent.atomic.AtomicBoolean();

    private final HsmToken real;

    private FlakyHsm(HsmToken real) {
        this.real = real;
    }

    /** The token answers {@code signatures} more signatures, then is unavailable until {@link #heal()}. */
    public static void failAfter(int signatures) {
        SIGNATURES_BEFORE_OUTAGE.set(signatures);
    }

    public static void heal() {
        SIGNATURES_BEFORE_OUTAGE.set(-1);
        LIBRARY_STUCK.set(false);
    }

    /**
     * Makes the token say what the adapter says when a call is stuck inside the PKCS#11 library and
     * only a new process can recover ({@code RESTART_REQUIRED}); every call is then unavailable.
     */
    public static void stuck() {
        LIBRARY_STUCK.set(true);
    }

    /** Puts the flaky token where the service's token would be. */
    @Factory
    @Requires(property = "kyso.test.flaky-hsm", value = "true")
    static class Wiring {
        @Context
        @Bean(preDestroy = "close")
        @Replaces(bean = HsmToken.class, factory = HsmFactory.class)
        HsmToken flakyToken(HsmConfiguration config, Secrets secrets, KysoMetrics metrics) {
            return new FlakyHsm(new HsmFactory().hsmToken(config, secrets, metrics));
        }
    }

    @Override
    public byte[] signDigest(String alias, DigestAlgorithm digestAlgorithm, SignatureScheme scheme, byte[] digest) {
        countDownToOutage();
        return real.signDigest(alias, digestAlgorithm, scheme, digest);
    }

    @Override
    public byte[] signDigest(WrappedKey key, DigestAlgorithm digestAlgorithm, SignatureScheme scheme, byte[] digest) {
        countDownToOutage();
        return real.signDigest(key, digestAlgorithm, scheme, digest);
    }

    @Override
    public List<byte[]> signDigests(String alias, DigestBatch batch) {
        countDownToOutage(batch.size());
        return real.signDigests(alias, batch);
    }

    @Override
    public List<byte[]> signDigests(WrappedKey key, DigestBatch batch) {
        countDownToOutage(batch.size());
        return real.signDigests(key, batch);
    }

    private static void countDownToOutage() {
        countDownToOutage(1);
    }

    /** {@code signatures} more signatures: a batch that reaches the outage fails half-way, as a whole. */
    private static void countDownToOutage(int signatures) {
        if (LIBRARY_STUCK.get()) {
            throw new TokenUnavailableException("test: the PKCS#11 library is stuck");
        }
        int left = SIGNATURES_BEFORE_OUTAGE.getAndUpdate(n -> n < 0 ? n : Math.max(0, n - signatures));
        if (left >= 0 && left < signatures) {
            throw new TokenUnavailableException("test: the HSM went away after " + left + " of " + signatures
                    + " signatures");
        }
    }

    @Override
    public void requireWrappingKey(String wrappingKey, boolean create) {
        real.requireWrappingKey(wrappingKey, create);
    }

    @Override
    public WrappedKey generateWrapped(String wrappingKey, KeySpec spec, ChainIssuer issuer) {
        return real.generateWrapped(wrappingKey, spec, issuer);
    }

    @Override
    public KeyEntry generate(String alias, KeySpec spec, ChainIssuer issuer) {
        return real.generate(alias, spec, issuer);
    }

    @Override
    public Optional<KeyEntry> find(String alias) {
        return real.find(alias);
    }

    @Override
    public boolean destroy(String alias) {
        return real.destroy(alias);
    }

    @Override
    public TokenHealth health() {
        return LIBRARY_STUCK.get()
                ? new TokenHealth(TokenHealth.State.RESTART_REQUIRED, "flaky", "a call is stuck inside the library")
                : real.health();
    }

    @Override
    public void close() {
        real.close();
    }
}
