package io.kyso.signer.hsm;

import io.kyso.hsm.ChainIssuer;
import io.kyso.hsm.DigestAlgorithm;
import io.kyso.hsm.DigestBatch;
import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeyEntry;
import io.kyso.hsm.KeySpec;
import io.kyso.hsm.SignatureScheme;
import io.kyso.hsm.TokenHealth;
import io.kyso.hsm.WrappedKey;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The service's {@link HsmToken}: opens the token on first use, so that the service starts while the
 * HSM is down (every call then fails fast with {@link io.kyso.hsm.TokenUnavailableException}, 503 for
 * the API) and tries again on the next call. Once open, the token is kept: hsm-adapter's token
 * reconnects by itself after an outage, and re-initialises the PKCS#11 library when the token's lost
 * state needs it (a token opened anew would not), so work resumes without a restart. Records the
 * latency of single signatures.
 */
public class ResilientHsmToken implements HsmToken {
    private static final Logger LOG = LoggerFactory.getLogger(ResilientHsmToken.class);

    private final Supplier<HsmToken> opener;
    private final Timer signLatency;
    private volatile HsmToken current;
    private volatile boolean closed;

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
            if (closed) {
                throw new IllegalStateException("the HSM token is closed");
            }
            if (current == null) {
                current = opener.get();
                LOG.info("HSM token opened");
            }
            return current;
        }
    }

    private <T> T call(Function<HsmToken, T> operation) {
        return operation.apply(token());
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
    public List<byte[]> signDigests(String alias, DigestBatch batch) {
        return call(t -> t.signDigests(alias, batch)); // not in the latency of one signature
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
    public List<byte[]> signDigests(WrappedKey key, DigestBatch batch) {
        return call(t -> t.signDigests(key, batch)); // not in the latency of one signature
    }

    @Override
    public void requireMacKey(String macKey, boolean create) {
        call(t -> {
            t.requireMacKey(macKey, create);
            return null;
        });
    }

    @Override
    public List<byte[]> mac(String macKey, List<byte[]> messages) {
        return call(t -> t.mac(macKey, messages));
    }

    @Override
    public List<Boolean> verifyMacs(String macKey, List<byte[]> messages, List<byte[]> macs) {
        return call(t -> t.verifyMacs(macKey, messages, macs));
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
        return token.health();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
