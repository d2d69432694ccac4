package io.kyso.hsm;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
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
 * An {@link HsmToken} over the JDK's SunPKCS11 provider.
 *
 * <p>The JVM must run with {@code --add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED}:
 * the adapter finds the slot by token label, logs in and signs RSA-PSS digests through the JDK's PKCS#11
 * wrapper. Several instances may be open on the same token in one process; none ever logs out, and
 * {@link #close()} only closes the instance's own sessions.
 *
 * <p>An instance sees the keys that were in the token when it was opened and those it generates or
 * destroys itself; resolved keys are cached, so signing does no key store lookup. Keys another
 * instance adds later show up after reopening.
 */
public final class Pkcs11HsmToken implements HsmToken {
    private static final BigInteger P256_ORDER =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

    private final Cryptoki cryptoki;
    private final TokenObjects objects;
    private final Provider provider;
    private final KeyStore keyStore;
    private final TokenSigner signer;
    private final WrappedKeys wrapped;
    private final ConcurrentMap<String, Resolved> keys = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Long> handles = new ConcurrentHashMap<>();
    private final Set<String> generating = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private record Resolved(KeyEntry entry, TokenSigner.SigningKey key) {
    }

    private Pkcs11HsmToken(Cryptoki cryptoki, Provider provider, KeyStore keyStore, ValueVerifier verifier) {
        this.cryptoki = cryptoki;
        this.objects = new TokenObjects(cryptoki);
        this.provider = provider;
        this.keyStore = keyStore;
        this.signer = new TokenSigner(provider, objects, cryptoki.label(), verifier);
        this.wrapped = new WrappedKeys(cryptoki, verifier);
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
        Cryptoki cryptoki = Cryptoki.connect(config.libraryPath(), config.tokenLabel());
        char[] pin = config.pin();
        try {
            cryptoki.login(pin);
            Provider provider = SunPkcs11.configure(cryptoki);
            KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, pin);
            return new Pkcs11HsmToken(cryptoki, provider, keyStore, verifier);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            cryptoki.close();
            throw openFailure(config, e);
        } finally {
            Arrays.fill(pin, '\0');
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

    public String tokenLabel() {
        return cryptoki.label();
    }

    @Override
    public KeyEntry generate(String alias, KeySpec spec, ChainIssuer issuer) {
        ensureOpen();
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
            KeyPair pair = generatePair(spec);
            List<X509Certificate> chain = issue(alias, spec, pair, issuer);
            store(alias, pair.getPrivate(), chain);
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

    private KeyPair generatePair(KeySpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(spec.keyAlgorithm(), provider);
            if (spec.isEc()) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(new RSAKeyGenParameterSpec(spec.size(), RSAKeyGenParameterSpec.F4));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException | ProviderException e) {
            throw new TokenUnavailableException("Token '" + tokenLabel() + "' failed to generate a " + spec
                    + " key pair: " + e, e);
        }
    }

    /** Has the issuer certify the new key, letting it sign with the (not yet stored) key itself. */
    private List<X509Certificate> issue(String alias, KeySpec spec, KeyPair pair, ChainIssuer issuer) {
        PublicKey publicKey = softwareKey(spec, pair.getPublic());
        TokenSigner.SigningKey own = new TokenSigner.SigningKey(alias, spec, pair.getPrivate(), publicKey,
                () -> sessionKeyHandle(alias, publicKey));
        List<X509Certificate> chain = issuer.issue(publicKey, (algorithm, scheme, digest) ->
                signer.sign(own, algorithm, scheme, digest));
        if (chain == null || chain.isEmpty() || chain.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("the issuer returned no usable chain for '" + alias + "'");
        }
        if (!Arrays.equals(chain.get(0).getPublicKey().getEncoded(), publicKey.getEncoded())) {
            throw new IllegalArgumentException("the first certificate of the chain for '" + alias
                    + "' does not certify the generated key");
        }
        return List.copyOf(chain);
    }

    private long sessionKeyHandle(String alias, PublicKey publicKey) throws PKCS11Exception {
        long handle = objects.findSessionRsaKey(((RSAPublicKey) publicKey).getModulus());
        if (handle < 0) {
            throw new TokenUnavailableException("Token '" + tokenLabel() + "' lost the new key '" + alias + "'");
        }
        return handle;
    }

    private PublicKey softwareKey(KeySpec spec, PublicKey tokenKey) {
        try {
            return KeyFactory.getInstance(spec.keyAlgorithm()).generatePublic(new X509EncodedKeySpec(tokenKey.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new HsmException("Cannot read the generated " + spec + " public key: " + e.getMessage(), e);
        }
    }

    private void store(String alias, PrivateKey privateKey, List<X509Certificate> chain) {
        try {
            keyStore.setKeyEntry(alias, privateKey, null, chain.toArray(new Certificate[0]));
        } catch (GeneralSecurityException | ProviderException e) {
            throw new TokenUnavailableException("Token '" + tokenLabel() + "' failed to store key '" + alias + "': "
                    + e, e);
        }
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

    @Override
    public Optional<KeyEntry> find(String alias) {
        ensureOpen();
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

    @Override
    public byte[] signDigest(String alias, DigestAlgorithm digestAlgorithm, SignatureScheme scheme, byte[] digest) {
        ensureOpen();
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

    @Override
    public void requireWrappingKey(String wrappingKey, boolean create) {
        ensureOpen();
        wrapped.wrappingKey(wrappingKey, create);
    }

    @Override
    public WrappedKey generateWrapped(String wrappingKey, KeySpec spec, ChainIssuer issuer) {
        ensureOpen();
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(issuer, "issuer");
        return wrapped.generate(wrappingKey, spec, issuer);
    }

    @Override
    public byte[] signDigest(WrappedKey key, DigestAlgorithm digestAlgorithm, SignatureScheme scheme, byte[] digest) {
        ensureOpen();
        Objects.requireNonNull(key, "key");
        return wrapped.sign(key, digestAlgorithm, scheme, digest);
    }

    @Override
    public boolean destroy(String alias) {
        ensureOpen();
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

    @Override
    public TokenHealth health() {
        if (closed) {
            return new TokenHealth(false, tokenLabel(), "closed");
        }
        try {
            return cryptoki.probe();
        } catch (RuntimeException | LinkageError e) {
            return new TokenHealth(false, tokenLabel(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Forgets the cached keys and closes this instance's sessions; never logs the process out. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        keys.clear();
        handles.clear();
        cryptoki.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("token '" + tokenLabel() + "' is closed");
        }
    }

    private static void requireAlias(String alias) {
        Objects.requireNonNull(alias, "alias");
        if (alias.isBlank()) {
            throw new IllegalArgumentException("alias must not be blank");
        }
    }

    @Override
    public String toString() {
        return "Pkcs11HsmToken[" + tokenLabel() + " via " + cryptoki.library() + (closed ? ", closed]" : "]");
    }
}
