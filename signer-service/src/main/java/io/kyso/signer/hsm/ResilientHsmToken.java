package io.kyso.signer.hsm;

import io.kyso.hsm.ChainIssuer;
import io.kyso.hsm.DigestAlgorithm;
import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeyEntry;
import io.kyso.hsm.KeySpec;
import io.kyso.hsm.SignatureScheme;
import io.kyso.hsm.TokenHealth;
import io.kyso.hsm.TokenUnavailableException;
import io.kyso.hsm.WrappedKey;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An {@link HsmToken} that survives the HSM going away: it opens the token on first use, and when
 * an operation finds the token unavailable it drops the connection so that the next call opens a
 * fresh one. While the HSM is down every call fails fast with {@link TokenUnavailableException}
 * (503 for the API); when it is back, work resumes without a restart.
 */
public class ResilientHsmToken implements HsmToken {
    private static final Logger LOG = LoggerFactory.getLogger(ResilientHsmToken.class);

    private final Supplier<HsmToken> opener;
    private final Timer signLatency;
    private volatile HsmToken current;

    public ResilientHsmToken(Supplier<HsmToken> opener, Timer signLatency) {
        this.opener = opener;
        this.signLatency = signLatency;
    }

    private HsmToken token() {
        HsmToken token = current;
        if (token != null) {
            return token;
        }
        synchronized (this) {
            if (current == null) {
                current = opener.get();
                LOG.info("HSM token opened");
            }
            return current;
        }
    }

    private <T> T call(Function<HsmToken, T> operation) {
        HsmToken token = token();
        try {
            return operation.apply(token);
        } catch (TokenUnavailableException e) {
            drop(token);
            throw e;
        } catch (IllegalStateException e) {
            if (current != token) {
                // another thread met the outage and closed this connection under us: the same outage
                throw new TokenUnavailableException("The HSM connection was closed after an outage: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private synchronized void drop(HsmToken failed) {
        if (current == failed) {
            current = null;
            LOG.warn("HSM token unavailable; it will be reopened on the next operation");
            try {
                failed.close();
            } catch (RuntimeException closeFailure) {
                LOG.debug("Closing the failed token also failed", closeFailure);
            }
        }
    }

    @Override
    public KeyEntry generate(String alias, KeySpec spec, ChainIssuer issuer) {
        return call(t -> t.generate(alias, spec, issuer));
    }

    @Override
    public Optional<KeyEntry> find(String alias) {
        return call(t -> t.find(alias));
    }

    @Override
    public byte[] signDigest(String alias, DigestAlgorithm digestAlgorithm, SignatureScheme scheme, byte[] digest) {
        return signLatency.record(() -> call(t -> t.signDigest(alias, digestAlgorithm, scheme, digest)));
    }

    @Override
    public void requireWrappingKey(String wrappingKey, boolean create) {
        call(t -> {
            t.requireWrappingKey(wrappingKey, create);
            return null;
        });
    }

    @Override
    public WrappedKey generateWrapped(String wrappingKey, KeySpec spec, ChainIssuer issuer) {
        return call(t -> t.generateWrapped(wrappingKey, spec, issuer));
    }

    @Override
    public byte[] signDigest(WrappedKey key, DigestAlgorithm digestAlgorithm, SignatureScheme scheme, byte[] digest) {
        return signLatency.record(() -> call(t -> t.signDigest(key, digestAlgorithm, scheme, digest)));
    }

    @Override
    public boolean destroy(String alias) {
        return call(t -> t.destroy(alias));
    }

    @Override
    public TokenHealth health() {
        HsmToken token;
        try {
            token = token();
        } catch (RuntimeException e) {
            return new TokenHealth(false, null, e.getMessage());
        }
        TokenHealth health = token.health();
        if (!health.up()) {
            drop(token);
        }
        return health;
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
