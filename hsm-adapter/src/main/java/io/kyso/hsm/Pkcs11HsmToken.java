package io.kyso.hsm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link HsmToken} over the JDK's SunPKCS11 provider, which outlives the token going away.
 *
 * <p>The JVM must run with {@code --add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED}:
 * the adapter finds the slot by token label, logs in and signs digests through the JDK's PKCS#11
 * wrapper. Several instances may be open on the same token in one process; none ever logs out, and
 * {@link #close()} only closes the instance's own sessions.
 *
 * <p><b>Outages.</b> While the token cannot be reached, every operation fails with
 * {@link TokenUnavailableException}. A token that has gone away may still answer as if a key were
 * missing, a blob altered or a value wrong (SoftHSM2 finds no objects once its token directory is
 * gone, see {@link CryptokiLibrary}); such an answer is checked with a probe of the token
 * ({@code C_GetTokenInfo} and the login state), and is an outage when the probe fails, the caller's
 * fault only when the token is healthy. After an outage, the next operation connects again (new
 * sessions, login with the PIN the instance keeps, key store listed again); if that fails, it has the
 * library finalised and initialised again, at most once every {@link CryptokiLibrary#REINITIALISE_INTERVAL},
 * so that work resumes when the token is back, without a restart. If the library cannot be
 * re-initialised safely, {@link #health()} says {@link TokenHealth.State#RESTART_REQUIRED}.
 */
public final class Pkcs11HsmToken implements HsmToken {
    private final Pkcs11Config config;
    private final ValueVerifier verifier;
    private final CryptokiLibrary library;
    /** The shortest time between two failed attempts to connect again: an outage must not spin. */
    static final Duration RECONNECT_INTERVAL = Duration.ofSeconds(1);

    private final Object reconnecting = new Object();
    /** Guarded by {@code reconnecting}. */
    private long lastFailure;
    private TokenUnavailableException lastFailureCause;
    private volatile TokenConnection connection;
    private volatile boolean closed;

    private Pkcs11HsmToken(Pkcs11Config config, ValueVerifier verifier, TokenConnection connection) {
        this.config = config;
        this.verifier = verifier;
        this.connection = connection;
        this.library = connection.cryptoki().libraryState();
    }

    /**
     * Loads the library, finds the token by label and logs in.
     *
     * @throws TokenUnavailableException if the library is missing or unloadable, no token has that label,
     *     or the JVM lacks the flag above
     * @throws PinIncorrectException if the token refuses the PIN
     */
    public static Pkcs11HsmToken open(Pkcs11Config config) {
        return open(config, ValueVerifier.jdk());
    }

    /**
     * Same as {@link #open(Pkcs11Config)}, with {@code verifier} checking every value the token
     * returns instead of the JDK's providers.
     */
    public static Pkcs11HsmToken open(Pkcs11Config config, ValueVerifier verifier) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(verifier, "verifier");
        CryptokiAccess.require(config);
        return new Pkcs11HsmToken(config, verifier, TokenConnection.open(config, verifier));
    }

    public String tokenLabel() {
        return config.tokenLabel();
    }

    @Override
    public KeyEntry generate(String alias, KeySpec spec, ChainIssuer issuer) {
        return call(c -> c.generate(alias, spec, issuer));
    }

    @Override
    public Optional<KeyEntry> find(String alias) {
        try {
            return Optional.of(call(c -> c.find(alias).orElseThrow(() -> new KeyNotFoundException(alias))));
        } catch (KeyNotFoundException e) {
            return Optional.empty(); // the token is healthy (call() checked): there is no such key
        }
    }

    @Override
    public byte[] signDigest(String alias, DigestAlgorithm digestAlgorithm, SignatureScheme scheme, byte[] digest) {
        return call(c -> c.signDigest(alias, digestAlgorithm, scheme, digest));
    }

    @Override
    public List<byte[]> signDigests(String alias, DigestBatch batch) {
        Objects.requireNonNull(batch, "batch");
        return call(c -> c.signDigests(alias, batch));
    }

    @Override
    public void requireWrappingKey(String wrappingKey, boolean create) {
        call(c -> {
            c.requireWrappingKey(wrappingKey, create);
            return null;
        });
    }

    @Override
    public WrappedKey generateWrapped(String wrappingKey, KeySpec spec, ChainIssuer issuer) {
        return call(c -> c.generateWrapped(wrappingKey, spec, issuer));
    }

    @Override
    public byte[] signDigest(WrappedKey key, DigestAlgorithm digestAlgorithm, SignatureScheme scheme, byte[] digest) {
        return call(c -> c.signDigest(key, digestAlgorithm, scheme, digest));
    }

    @Override
    public List<byte[]> signDigests(WrappedKey key, DigestBatch batch) {
        Objects.requireNonNull(batch, "batch");
        return call(c -> c.signDigests(key, batch));
    }

    @Override
    public void requireMacKey(String macKey, boolean create) {
        call(c -> {
            c.requireMacKey(macKey, create);
            return null;
        });
    }

    @Override
    public List<byte[]> mac(String macKey, List<byte[]> messages) {
        return call(c -> c.mac(macKey, messages));
    }

    @Override
    public List<Boolean> verifyMacs(String macKey, List<byte[]> messages, List<byte[]> macs) {
        return call(c -> c.verifyMacs(macKey, messages, macs));
    }

    @Override
    public boolean destroy(String alias) {
        try {
            return call(c -> {
                if (!c.destroy(alias)) {
                    throw new KeyNotFoundException(alias);
                }
                return true;
            });
        } catch (KeyNotFoundException e) {
            return false;
        }
    }

    @Override
    public TokenHealth health() {
        if (closed) {
            return new TokenHealth(false, tokenLabel(), "closed");
        }
        try {
            TokenConnection current = connection();
            TokenHealth health = current.cryptoki().probe();
            if (!health.up()) {
                broken(current);
            }
            return health;
        } catch (RuntimeException | LinkageError e) {
            String restart = library.restartRequired();
            return restart != null ? new TokenHealth(TokenHealth.State.RESTART_REQUIRED, tokenLabel(), restart)
                    : new TokenHealth(false, tokenLabel(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Forgets the cached keys and closes this instance's sessions; never logs the process out. */
    @Override
    public void close() {
        synchronized (reconnecting) {
            closed = true;
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
    }

    @FunctionalInterface
    private interface Operation<T> {
        T on(TokenConnection connection);
    }

    /** Runs {@code operation} on the current connection; see the class comment for outages. */
    private <T> T call(Operation<T> operation) {
        try {
            return attempt(operation);
        } catch (StaleConnectionException e) {
            // re-initialised between choosing the connection and using it: nothing reached the token yet
            return attempt(operation);
        }
    }

    private <T> T attempt(Operation<T> operation) {
        TokenConnection current = connection();
        try {
            return current.cryptoki().guarded(() -> operation.on(current));
        } catch (TokenUnavailableException e) {
            broken(current);
            throw e;
        } catch (KeyNotFoundException | WrappedKeyInvalidException | SignatureVerificationException e) {
            throw outageOr(current, e);
        }
    }

    /**
     * An answer that, from a token that went away, may mean the token rather than the key: the
     * caller's fault only if the token is healthy.
     */
    private HsmException outageOr(TokenConnection current, HsmException answer) {
        TokenHealth health = current.cryptoki().probe();
        if (health.up()) {
            return answer;
        }
        broken(current);
        return new TokenUnavailableException("Token '" + tokenLabel() + "' is unavailable (" + health.detail()
                + "), which explains: " + answer.getMessage(), answer);
    }

    /** The open connection, or a new one if there is none or the library was re-initialised since. */
    private TokenConnection connection() {
        TokenConnection current = connection;
        if (current != null && current.current()) {
            return current;
        }
        synchronized (reconnecting) {
            if (closed) {
                throw new IllegalStateException("token '" + tokenLabel() + "' is closed");
            }
            current = connection;
            if (current != null && current.current()) {
                return current;
            }
            if (current != null) {
                connection = null;
                current.close(); // of an earlier generation: closes nothing in the library
            }
            connection = reconnect();
            return connection;
        }
    }

    private TokenConnection reconnect() {
        if (lastFailureCause != null && System.nanoTime() - lastFailure < RECONNECT_INTERVAL.toNanos()) {
            throw new TokenUnavailableException("Token '" + tokenLabel() + "' is unavailable; the last attempt to"
                    + " reach it failed just now: " + lastFailureCause.getMessage(), lastFailureCause);
        }
        try {
            TokenConnection fresh = reconnectOrReinitialise();
            lastFailureCause = null;
            return fresh;
        } catch (TokenUnavailableException e) {
            lastFailure = System.nanoTime();
            lastFailureCause = e;
            throw e;
        }
    }

    private TokenConnection reconnectOrReinitialise() {
        long seen = library.generation();
        try {
            return TokenConnection.open(config, verifier);
        } catch (TokenUnavailableException first) {
            // the library may hold the token's lost state (SoftHSM2 does): only a re-initialisation clears it
            if (!library.reinitialise(seen, "token '" + tokenLabel() + "' cannot be reached: " + first.getMessage())) {
                String restart = library.restartRequired();
                throw restart == null ? first : new TokenUnavailableException(restart + "; restart the process", first);
            }
            return TokenConnection.open(config, verifier);
        }
    }

    private void broken(TokenConnection failed) {
        synchronized (reconnecting) {
            if (connection == failed) {
                connection = null;
                failed.close();
            }
        }
    }

    @Override
    public String toString() {
        return "Pkcs11HsmToken[" + tokenLabel() + " via " + library.path() + (closed ? ", closed]" : "]");
    }
}
