package io.kyso.hsm;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.security.auth.login.FailedLoginException;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * One connection to the token for {@link Pkcs11HsmToken}: the adapter's own sessions
 * ({@link Cryptoki}), a SunPKCS11 provider and key store on the slot, and what was resolved through
 * them (key handles, the wrapping key's handle). Every operation runs within {@link Cryptoki#guarded},
 * so a connection of an earlier generation of the library refuses to reach it and is replaced.
 *
 * <p>A connection sees the keys that were in the token when it was opened and those it generates or
 * destroys itself; resolved keys are cached, so signing does no key store lookup. Keys another
 * instance adds later show up after a miss reloads the key store.
 */
final class TokenConnection {
    /**
     * One key pair stored at a time in this JVM, whatever the token: SoftHSM2 was seen to fail two
     * concurrent stores of token objects (CKR_GENERAL_ERROR, then invalid sessions) when a service's
     * seal and timestamping keys came into being at once. Stores are rare (the service's own keys,
     * citizens' keys only where they live in the token).
     */
    private static final Object CREATION = new Object();
    private static final long CKR_GENERAL_ERROR = 0x5L;
    private static final System.Logger LOG = System.getLogger(TokenConnection.class.getName());

    private static final BigInteger P256_ORDER =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

    private final Cryptoki cryptoki;
    private final TokenObjects objects;
    private final Provider provider;
    private final KeyStore keyStore;
    private final TokenSigner signer;
    private final SessionSigner sessionSigner;
    private final KeyPairs keyPairs;
    private final WrappedKeys wrapped;
    private final MacKeys macKeys;
    private final ConcurrentMap<String, Resolved> keys = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Long> handles = new ConcurrentHashMap<>();
    private final Set<String> generating = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private record Resolved(KeyEntry entry, TokenSigner.SigningKey key) {
    }

    private TokenConnection(Cryptoki cryptoki, Provider provider, KeyStore keyStore, ValueVerifier verifier) {
        this.cryptoki = cryptoki;
        this.objects = new TokenObjects(cryptoki);
        this.provider = provider;
        this.keyStore = keyStore;
        this.signer = new TokenSigner(provider, objects, cryptoki.label(), verifier);
        this.sessionSigner = new SessionSigner(cryptoki, verifier);
        this.keyPairs = new KeyPairs(cryptoki);
        this.wrapped = new WrappedKeys(cryptoki, sessionSigner);
        this.macKeys = new MacKeys(cryptoki);
    }

    /**
     * Loads the library, finds the token by label and logs in.
     *
     * @throws TokenUnavailableException if the library is missing or unloadable, no token has that label,
     *     or the JVM lacks the flag that exports the JDK's PKCS#11 wrapper
     * @throws PinIncorrectException if the token refuses the PIN
     */
    static TokenConnection open(Pkcs11Config config, ValueVerifier verifier) {
        Cryptoki cryptoki = Cryptoki.connect(config.libraryPath(), config.tokenLabel());
        char[] pin = config.pin();
        try {
            cryptoki.login(pin);
            // SunPKCS11 reaches the library while configuring, too: all of it under the shared lock
            return cryptoki.guarded(() -> {
                try {
                    Provider provider = SunPkcs11.configure(cryptoki);
                    KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
                    keyStore.load(null, pin);
                    return new TokenConnection(cryptoki, provider, keyStore, verifier);
                } catch (GeneralSecurityException | IOException e) {
                    throw new KeyStoreOpenFailure(e);
                }
            });
        } catch (KeyStoreOpenFailure e) {
            cryptoki.close();
            throw openFailure(config, e.failure);
        } catch (RuntimeException e) {
            cryptoki.close();
            throw openFailure(config, e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /** Carries a checked failure of the key store out of {@link Cryptoki#guarded}. */
    private static final class KeyStoreOpenFailure extends RuntimeException {
        private final Exception failure;

        KeyStoreOpenFailure(Exception failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }

    private static RuntimeException openFailure(Pkcs11Config config, Exception e) {
        if (e instanceof HsmException hsm) {
            return hsm;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof FailedLoginException) {
                return new PinIncorrectException("Token '" + config.tokenLabel() + "' refused the user PIN", e);
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // "load failed" says nothing; the innermost cause says why (e.g. two secret keys of one label)
        return new TokenUnavailableException("Cannot open the key store of token '" + config.tokenLabel()
                + "' of PKCS#11 library " + config.libraryPath() + ": " + e + (root == e ? "" : " (" + root + ")"), e);
    }

    String tokenLabel() {
        return cryptoki.label();
    }

    Cryptoki cryptoki() {
        return cryptoki;
    }

    /** Whether this connection may still be used: open, and of the library's current generation. */
    boolean current() {
        return !closed && !cryptoki.stale();
    }

    KeyEntry generate(String alias, KeySpec spec, ChainIssuer issuer) {
        requireAlias(alias);
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(issuer, "issuer");
        if (!generating.add(alias)) {
            throw new IllegalArgumentException("alias '" + alias + "' is already being generated");
        }
        try {
            if (inUse(alias)) {
                throw new IllegalArgumentException("alias '" + alias + "' is already in use in token '"
                        + tokenLabel() + "'");
            }
            synchronized (CREATION) {
                generateAndStoreRetryingAGeneralError(alias, spec, issuer);
            }
            Resolved stored = load(alias);
            if (stored == null) {
                throw new TokenUnavailableException("Token '" + tokenLabel() + "' lost key '" + alias + "' on storing");
            }
            requireLocked(alias);
            keys.put(alias, stored);
            return stored.entry();
        } finally {
            generating.remove(alias);
        }
    }

    /**
     * {@link #generateAndStore}, once more if the token answered {@code CKR_GENERAL_ERROR}: SoftHSM2
     * was seen to answer it now and then on a store that succeeds when made again. What the failed
     * attempt stored under the alias (a private key without its certificate) is destroyed first; its
     * session objects die with its session. A second failure stands.
     */
    private void generateAndStoreRetryingAGeneralError(String alias, KeySpec spec, ChainIssuer issuer) {
        try {
            generateAndStore(alias, spec, issuer);
        } catch (TokenUnavailableException e) {
            if (!(e.getCause() instanceof PKCS11Exception p && p.getErrorCode() == CKR_GENERAL_ERROR) || inUse(alias)) {
                throw e;
            }
            int left = removeStored(alias, e);
            LOG.log(System.Logger.Level.WARNING, "Token ''{0}'' answered CKR_GENERAL_ERROR storing ''{1}'' ({2} object(s) it"
                    + " left removed); trying once more", tokenLabel(), alias, left);
            generateAndStore(alias, spec, issuer);
        }
    }

    private int removeStored(String alias, TokenUnavailableException failure) {
        try {
            return cryptoki.withReadWriteSession(session -> keyPairs.removeStored(session, alias));
        } catch (PKCS11Exception e) {
            failure.addSuppressed(e);
            throw failure;
        }
    }

    /**
     * Generates the pair as session objects on a read-write session of its own, has the issuer certify
     * it (signing with the new key itself), and stores the key and chain; closing the session destroys
     * the session objects, whatever happened.
     */
    private void generateAndStore(String alias, KeySpec spec, ChainIssuer issuer) {
        try {
            cryptoki.withReadWriteSession(session -> {
                long[] pair = keyPairs.generate(session, spec, false);
                PublicKey publicKey = keyPairs.publicKey(session, spec, pair[0]);
                SessionSigner.KeyHandle own = new SessionSigner.KeyHandle(pair[1], spec, publicKey, "the new key '"
                        + alias + "'");
                List<X509Certificate> chain = issuer.issue(publicKey, (algorithm, scheme, digest) ->
                        sessionSigner.sign(session, own, algorithm, scheme, digest));
                keyPairs.store(session, pair[1], alias, certifying(alias, publicKey, chain));
                return null;
            });
        } catch (PKCS11Exception e) {
            throw new TokenUnavailableException("Token '" + tokenLabel() + "' failed to generate and store a " + spec
                    + " key pair under '" + alias + "': " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certifying(String alias, PublicKey publicKey, List<X509Certificate> chain) {
        if (chain == null || chain.isEmpty() || chain.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("the issuer returned no usable chain for '" + alias + "'");
        }
        if (!Arrays.equals(chain.get(0).getPublicKey().getEncoded(), publicKey.getEncoded())) {
            throw new IllegalArgumentException("the first certificate of the chain for '" + alias
                    + "' does not certify the generated key");
        }
        return List.copyOf(chain);
    }

    /** Checks with the token that the stored key is sensitive and was never extractable; else removes it. */
    private void requireLocked(String alias) {
        TokenObjects.Protection protection;
        try {
            protection = objects.protection(keyHandle(alias));
        } catch (PKCS11Exception e) {
            throw new TokenUnavailableException("Cannot read the attributes of key '" + alias + "' in token '"
                    + tokenLabel() + "': " + e.getMessage(), e);
        }
        if (!protection.locked()) {
            destroy(alias);
            throw new HsmException("Token '" + tokenLabel() + "' stored key '" + alias + "' with " + protection
                    + "; the key was removed");
        }
    }

    Optional<KeyEntry> find(String alias) {
        requireAlias(alias);
        return resolve(alias).map(Resolved::entry);
    }

    private Optional<Resolved> resolve(String alias) {
        return Optional.ofNullable(keys.computeIfAbsent(alias, this::load));
    }

    /**
     * SunPKCS11's key store lists the token's objects once, when loaded: a key that another
     * instance (another service process, or another provider in this one) stored since is unknown
     * to it. Before answering "no such key", list them again. The session is already logged in, so
     * no PIN is needed. Costs one walk over the token's objects, only on a miss.
     */
    private boolean reloadAliases() throws GeneralSecurityException {
        synchronized (keyStore) {
            try {
                keyStore.load(null, null);
                return true;
            } catch (IOException e) {
                throw new TokenUnavailableException("Cannot list the objects of token '" + tokenLabel() + "': " + e, e);
            }
        }
    }

    private Resolved load(String alias) {
        try {
            if (!keyStore.isKeyEntry(alias) && !(reloadAliases() && keyStore.isKeyEntry(alias))) {
                return null;
            }
            Key key = keyStore.getKey(alias, null);
            Certificate[] chain = keyStore.getCertificateChain(alias);
            if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0) {
                return null;
            }
            List<X509Certificate> certificates = Arrays.stream(chain).map(X509Certificate.class::cast).toList();
            PublicKey publicKey = certificates.get(0).getPublicKey();
            KeySpec spec = specOf(alias, publicKey);
            TokenSigner.SigningKey signingKey = new TokenSigner.SigningKey(alias, spec, privateKey, publicKey,
                    () -> keyHandle(alias));
            return new Resolved(new KeyEntry(alias, spec, certificates), signingKey);
        } catch (GeneralSecurityException | ProviderException | ClassCastException e) {
            throw new TokenUnavailableException("Cannot read key '" + alias + "' from token '" + tokenLabel() + "': "
                    + e, e);
        }
    }

    private KeySpec specOf(String alias, PublicKey publicKey) {
        if (publicKey instanceof ECPublicKey ec && P256_ORDER.equals(ec.getParams().getOrder())) {
            return KeySpec.EC_P256;
        }
        if (publicKey instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            for (KeySpec spec : KeySpec.values()) {
                if (!spec.isEc() && spec.size() == bits) {
                    return spec;
                }
            }
        }
        throw new HsmException("Key '" + alias + "' in token '" + tokenLabel() + "' is of no supported kind");
    }

    private long keyHandle(String alias) throws PKCS11Exception {
        Long known = handles.get(alias);
        if (known != null) {
            return known;
        }
        long handle = objects.findPrivateKey(alias);
        if (handle < 0) {
            throw new KeyNotFoundException(alias);
        }
        handles.put(alias, handle);
        return handle;
    }

    byte[] signDigest(String alias, DigestAlgorithm digestAlgorithm, SignatureScheme scheme, byte[] digest) {
        requireAlias(alias);
        Resolved resolved = resolve(alias).orElseThrow(() -> new KeyNotFoundException(alias));
        try {
            return signer.sign(resolved.key(), digestAlgorithm, scheme, digest);
        } catch (TokenUnavailableException e) {
            keys.remove(alias, resolved); // the handles may be stale: look them up again next time
            handles.remove(alias);
            throw e;
        }
    }

    /** Signs every digest of the batch on one session, with the key's handle (no SunPKCS11 object per digest). */
    List<byte[]> signDigests(String alias, DigestBatch batch) {
        requireAlias(alias);
        Resolved resolved = resolve(alias).orElseThrow(() -> new KeyNotFoundException(alias));
        TokenSigner.checkRequest(resolved.entry().spec(), batch.algorithm(), batch.scheme(), batch.digest(0));
        try {
            long handle = keyHandle(alias);
            SessionSigner.KeyHandle key = new SessionSigner.KeyHandle(handle, resolved.entry().spec(),
                    resolved.entry().publicKey(), "key '" + alias + "'");
            return cryptoki.withSession(session -> sessionSigner.signAll(session, key, batch));
        } catch (PKCS11Exception | TokenUnavailableException e) {
            keys.remove(alias, resolved); // the handles may be stale: look them up again next time
            handles.remove(alias);
            throw e instanceof TokenUnavailableException unavailable ? unavailable
                    : new TokenUnavailableException("Token '" + tokenLabel() + "' failed to sign with key '" + alias
                            + "': " + e.getMessage(), e);
        }
    }

    List<byte[]> signDigests(WrappedKey key, DigestBatch batch) {
        Objects.requireNonNull(key, "key");
        return wrapped.sign(key, batch);
    }

    void requireWrappingKey(String wrappingKey, boolean create) {
        wrapped.wrappingKey(wrappingKey, create);
    }

    WrappedKey generateWrapped(String wrappingKey, KeySpec spec, ChainIssuer issuer) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(issuer, "issuer");
        return wrapped.generate(wrappingKey, spec, issuer);
    }

    byte[] signDigest(WrappedKey key, DigestAlgorithm digestAlgorithm, SignatureScheme scheme, byte[] digest) {
        Objects.requireNonNull(key, "key");
        return wrapped.sign(key, digestAlgorithm, scheme, digest);
    }

    void requireMacKey(String macKey, boolean create) {
        macKeys.key(macKey, create);
    }

    List<byte[]> mac(String macKey, List<byte[]> messages) {
        return macKeys.mac(macKey, messages);
    }

    List<Boolean> verifyMacs(String macKey, List<byte[]> messages, List<byte[]> macs) {
        return macKeys.verify(macKey, messages, macs);
    }

    boolean destroy(String alias) {
        requireAlias(alias);
        boolean[] removed = {false};
        keys.compute(alias, (name, cached) -> {
            removed[0] = deleteEntry(name);
            return null;
        });
        handles.remove(alias);
        return removed[0];
    }

    private boolean deleteEntry(String alias) {
        try {
            if (!keyStore.containsAlias(alias)) {
                return false;
            }
            keyStore.deleteEntry(alias);
            return true;
        } catch (GeneralSecurityException | ProviderException e) {
            throw new TokenUnavailableException("Token '" + tokenLabel() + "' failed to delete '" + alias + "': " + e, e);
        }
    }

    private boolean inUse(String alias) {
        try {
            return keys.containsKey(alias) || keyStore.containsAlias(alias);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new TokenUnavailableException("Cannot list the aliases of token '" + tokenLabel() + "': " + e, e);
        }
    }

    /** Forgets the cached keys and closes this connection's sessions; never logs the process out. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        keys.clear();
        handles.clear();
        cryptoki.close();
    }

    private static void requireAlias(String alias) {
        Objects.requireNonNull(alias, "alias");
        if (alias.isBlank()) {
            throw new IllegalArgumentException("alias must not be blank");
        }
    }

    @Override
    public String toString() {
        return "TokenConnection[" + tokenLabel() + " via " + cryptoki.library() + (closed ? ", closed]" : "]");
    }
}
