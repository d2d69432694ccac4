package io.kyso.hsm;

import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_ALWAYS_SENSITIVE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_CLASS;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_DECRYPT;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_DERIVE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_ENCRYPT;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_EXTRACTABLE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_ID;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_KEY_TYPE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_LABEL;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_NEVER_EXTRACTABLE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_PRIVATE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_SENSITIVE;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_SIGN;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_TOKEN;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_UNWRAP;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_VALUE_LEN;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_WRAP;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKK_AES;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKK_EC;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKK_RSA;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKM_AES_KEY_GEN;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKM_AES_KEY_WRAP_PAD;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKO_SECRET_KEY;

import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.CK_MECHANISM;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * Credentials kept outside the token ({@link WrappedKey}), straight through PKCS#11.
 *
 * <p>Generation: the key pair is generated as <em>session</em> objects (sensitive: its value is never
 * readable; extractable only so that it can be wrapped), certified, wrapped with
 * {@code CKM_AES_KEY_WRAP_PAD} under the token's wrapping key, and both halves are destroyed. Signing:
 * the blob is unwrapped as a session object that is sensitive and not extractable, used once and
 * destroyed, all on one session of the adapter's pool. Nothing is ever stored in the token but the
 * wrapping key, so nothing here grows with the number of credentials.
 *
 * <p>The wrapping key is an AES-256 token object, sensitive, never extractable, good for wrap and
 * unwrap only. {@link #wrappingKey(String, boolean)} finds it (and checks those properties) or, when
 * asked to, creates it; nothing else creates it. The JDK's wrapper cannot give it an unwrap template
 * ({@code CKA_UNWRAP_TEMPLATE} is an attribute array): a key provisioned by HSM administrators with
 * one ensures that no caller holding the PIN can unwrap a key as extractable. Creation is serialised
 * within the JVM; two processes that create it at the same moment each keep the one with the smallest
 * CKA_ID they see and destroy their own when it is not that one; if two keys remain, every later
 * look-up refuses to pick one.
 */
final class WrappedKeys {
    private static final long CKR_GENERAL_ERROR = 0x05;
    private static final long CKR_FUNCTION_FAILED = 0x06;
    private static final long CKR_ATTRIBUTE_VALUE_INVALID = 0x13;
    private static final long CKR_KEY_HANDLE_INVALID = 0x60;
    private static final long CKR_OBJECT_HANDLE_INVALID = 0x82;
    private static final long CKR_UNWRAPPING_KEY_HANDLE_INVALID = 0xF0;
    private static final long CKR_WRAPPING_KEY_HANDLE_INVALID = 0x113;
    private static final long CKR_WRAPPED_KEY_INVALID = 0x110;
    private static final long CKR_WRAPPED_KEY_LEN_RANGE = 0x112;
    private static final long CKR_ENCRYPTED_DATA_INVALID = 0x40;
    private static final long CKR_ENCRYPTED_DATA_LEN_RANGE = 0x41;
    private static final long CKR_TEMPLATE_INCONSISTENT = 0xD1;

    private final Cryptoki cryptoki;
    private final SessionSigner signer;
    private final KeyPairs keyPairs;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentMap<String, Long> wrappingKeys = new ConcurrentHashMap<>();
    /** One creation at a time in this JVM, whatever the number of instances open on the token. */
    private static final Object CREATION = new Object();

    WrappedKeys(Cryptoki cryptoki, SessionSigner signer) {
        this.cryptoki = cryptoki;
        this.signer = signer;
        this.keyPairs = new KeyPairs(cryptoki);
    }

    private PKCS11 p11() {
        return cryptoki.p11();
    }

    WrappedKey generate(String wrappingLabel, KeySpec spec, ChainIssuer issuer) {
        return againIfStale(() -> generateOnce(wrappingLabel, spec, issuer));
    }

    /**
     * Runs {@code call}, and once more if it failed on a stale handle: the token logged out and in
     * again since the wrapping key was found, so its handle changed (and was forgotten).
     */
    private static <T> T againIfStale(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (TokenUnavailableException e) {
            if (!(e.getCause() instanceof PKCS11Exception p11 && stale(p11))) {
                throw e;
            }
            return call.get();
        }
    }

    private WrappedKey generateOnce(String wrappingLabel, KeySpec spec, ChainIssuer issuer) {
        long wrappingKey = wrappingKey(wrappingLabel, false);
        try {
            return cryptoki.withSession(session -> {
                long[] pair = keyPairs.generate(session, spec, true); // extractable only to be wrapped
                try {
                    PublicKey publicKey = keyPairs.publicKey(session, spec, pair[0]);
                    SessionSigner.KeyHandle own = new SessionSigner.KeyHandle(pair[1], spec, publicKey, "the new key");
                    List<X509Certificate> chain = issuer.issue(publicKey, (algorithm, scheme, digest) ->
                            signer.sign(session, own, algorithm, scheme, digest));
                    if (chain == null || chain.isEmpty() || chain.stream().anyMatch(Objects::isNull)) {
                        throw new IllegalArgumentException("the issuer returned no usable chain for the new key");
                    }
                    if (!Arrays.equals(chain.get(0).getPublicKey().getEncoded(), publicKey.getEncoded())) {
                        throw new IllegalArgumentException("the first certificate of the chain does not certify the"
                                + " generated key");
                    }
                    CK_MECHANISM wrap = new CK_MECHANISM(CKM_AES_KEY_WRAP_PAD);
                    byte[] blob = p11().C_WrapKey(session, wrap, wrappingKey, pair[1]);
                    return new WrappedKey(wrappingLabel, spec, blob, chain);
                } finally {
                    destroy(session, pair[1]); // the extractable private key first
                    destroy(session, pair[0]);
                }
            });
        } catch (PKCS11Exception e) {
            forgetIfStale(wrappingLabel, e);
            throw new TokenUnavailableException("Token '" + cryptoki.label() + "' failed to generate a wrapped " + spec
                    + " key: " + e.getMessage(), e);
        }
    }

    byte[] sign(WrappedKey key, DigestAlgorithm algorithm, SignatureScheme scheme, byte[] digest) {
        TokenSigner.checkRequest(key.spec(), algorithm, scheme, digest);
        return withUnwrapped(key, (session, handle) -> signer.sign(session, handle, algorithm, scheme, digest));
    }

    /** Unwraps the key once, signs every digest of the batch with it, and destroys it. */
    List<byte[]> sign(WrappedKey key, DigestBatch batch) {
        TokenSigner.checkRequest(key.spec(), batch.algorithm(), batch.scheme(), batch.digest(0));
        return withUnwrapped(key, (session, handle) -> signer.signAll(session, handle, batch));
    }

    /** What to do with the unwrapped key, on the session it was unwrapped on. */
    @FunctionalInterface
    private interface UnwrappedUse<T> {
        T use(long session, SessionSigner.KeyHandle key);
    }

    private <T> T withUnwrapped(WrappedKey key, UnwrappedUse<T> use) {
        try {
            return againIfStale(() -> unwrapAndUse(key, use));
        } catch (AmbiguousUnwrapFailure first) {
            // the token's answer does not say whether the blob or the token is at fault: once more, on a
            // fresh session, before a request is failed for good over a passing hiccup
            try {
                return unwrapAndUse(key, use);
            } catch (AmbiguousUnwrapFailure again) {
                if (cryptoki.probe().up()) {
                    throw invalid(key.name(), again.failure); // SoftHSM2 answers a failed integrity check this way
                }
                throw new TokenUnavailableException("Token '" + cryptoki.label() + "' failed to unwrap " + key.name()
                        + ": " + again.failure.getMessage(), again.failure);
            }
        }
    }

    /** An unwrap failure that may be the blob's fault or the token's ({@code CKR_GENERAL_ERROR} and the like). */
    private static final class AmbiguousUnwrapFailure extends RuntimeException {
        private final PKCS11Exception failure;

        AmbiguousUnwrapFailure(PKCS11Exception cause) {
            super(cause.getMessage(), cause, false, false);
            this.failure = cause;
        }
    }

    private <T> T unwrapAndUse(WrappedKey key, UnwrappedUse<T> use) {
        long wrappingKey = wrappingKey(key.wrappingKey(), false);
        String name = key.name(); // the certificate's serial number: no personal data in messages and logs
        byte[] blob = key.blob();
        try {
            return cryptoki.withSession(session -> {
                long privateKey = unwrap(session, wrappingKey, key.spec(), blob, name);
                try {
                    return use.use(session, new SessionSigner.KeyHandle(privateKey, key.spec(), key.publicKey(), name));
                } finally {
                    destroy(session, privateKey);
                }
            });
        } catch (PKCS11Exception e) {
            forgetIfStale(key.wrappingKey(), e);
            throw new TokenUnavailableException("Token '" + cryptoki.label() + "' failed to sign with " + name + ": "
                    + e.getMessage(), e);
        }
    }

    private long unwrap(long session, long wrappingKey, KeySpec spec, byte[] blob, String name) throws PKCS11Exception {
        CK_ATTRIBUTE[] template = {
            new CK_ATTRIBUTE(CKA_CLASS, CKO_PRIVATE_KEY),
            new CK_ATTRIBUTE(CKA_KEY_TYPE, spec.isEc() ? CKK_EC : CKK_RSA),
            new CK_ATTRIBUTE(CKA_TOKEN, false),
            new CK_ATTRIBUTE(CKA_PRIVATE, true),
            new CK_ATTRIBUTE(CKA_SENSITIVE, true),
            new CK_ATTRIBUTE(CKA_EXTRACTABLE, false),
            new CK_ATTRIBUTE(CKA_SIGN, true),
            new CK_ATTRIBUTE(CKA_DECRYPT, false),
            new CK_ATTRIBUTE(CKA_UNWRAP, false),
            new CK_ATTRIBUTE(CKA_DERIVE, false),
        };
        try {
            return p11().C_UnwrapKey(session, new CK_MECHANISM(CKM_AES_KEY_WRAP_PAD), wrappingKey, blob, template);
        } catch (PKCS11Exception e) {
            long code = e.getErrorCode();
            if (code == CKR_WRAPPED_KEY_INVALID || code == CKR_WRAPPED_KEY_LEN_RANGE || code == CKR_ENCRYPTED_DATA_INVALID
                    || code == CKR_ENCRYPTED_DATA_LEN_RANGE) {
                throw invalid(name, e);
            }
            if (code == CKR_TEMPLATE_INCONSISTENT) {
                throw new HsmException("Token '" + cryptoki.label() + "' refused the attributes Kyso unwraps keys with"
                        + " (sensitive, not extractable, for signing only): the wrapping key's unwrap template must"
                        + " allow them (" + e.getMessage() + ")", e);
            }
            if (code == CKR_GENERAL_ERROR || code == CKR_FUNCTION_FAILED || code == CKR_ATTRIBUTE_VALUE_INVALID) {
                throw new AmbiguousUnwrapFailure(e);
            }
            throw e;
        }
    }

    private WrappedKeyInvalidException invalid(String name, PKCS11Exception e) {
        return new WrappedKeyInvalidException("Token '" + cryptoki.label() + "' cannot unwrap " + name
                + ": it was altered, or wrapped under another key (" + e.getMessage() + ")", e);
    }

    // ---- the wrapping key ------------------------------------------------------------------------

    /**
     * The handle of the wrapping key labelled {@code label}; created if there is none and {@code create}
     * (generation), else a {@link KeyNotFoundException} (signing: a missing wrapping key is a
     * configuration error, never a reason to make a new one).
     */
    long wrappingKey(String label, boolean create) {
        Objects.requireNonNull(label, "wrappingKey");
        if (label.isBlank()) {
            throw new IllegalArgumentException("the wrapping key label must not be blank");
        }
        Long known = wrappingKeys.get(label);
        if (known != null) {
            return known;
        }
        synchronized (CREATION) {
            known = wrappingKeys.get(label);
            if (known != null) {
                return known;
            }
            try {
                long handle = create ? cryptoki.withReadWriteSession(session -> findOrCreate(session, label, true))
                        : cryptoki.withSession(session -> findOrCreate(session, label, false));
                wrappingKeys.put(label, handle);
                return handle;
            } catch (PKCS11Exception e) {
                throw new TokenUnavailableException("Cannot find or create the wrapping key '" + label + "' in token '"
                        + cryptoki.label() + "': " + e.getMessage(), e);
            }
        }
    }

    private long findOrCreate(long session, String label, boolean create) throws PKCS11Exception {
        if (!cryptoki.loggedIn()) {
            // private objects are invisible while logged out: not finding the key then proves nothing,
            // and creating another would wrap new keys under a key the old ones do not know
            throw new TokenUnavailableException("Token '" + cryptoki.label() + "' is no longer logged in; cannot"
                    + " reach the wrapping key '" + label + "'");
        }
        List<long[]> existing = TokenSecretKeys.find(p11(), session, label);
        if (existing.isEmpty() && !create) {
            throw new KeyNotFoundException(label);
        }
        if (existing.isEmpty()) {
            byte[] id = new byte[16];
            random.nextBytes(id);
            long created = p11().C_GenerateKey(session, new CK_MECHANISM(CKM_AES_KEY_GEN), new CK_ATTRIBUTE[] {
                new CK_ATTRIBUTE(CKA_CLASS, CKO_SECRET_KEY),
                new CK_ATTRIBUTE(CKA_KEY_TYPE, CKK_AES),
                new CK_ATTRIBUTE(CKA_VALUE_LEN, 32L),
                new CK_ATTRIBUTE(CKA_TOKEN, true),
                new CK_ATTRIBUTE(CKA_PRIVATE, true),
                new CK_ATTRIBUTE(CKA_SENSITIVE, true),
                new CK_ATTRIBUTE(CKA_EXTRACTABLE, false),
                new CK_ATTRIBUTE(CKA_WRAP, true),
                new CK_ATTRIBUTE(CKA_UNWRAP, true),
                new CK_ATTRIBUTE(CKA_ENCRYPT, false),
                new CK_ATTRIBUTE(CKA_DECRYPT, false),
                new CK_ATTRIBUTE(CKA_LABEL, label),
                new CK_ATTRIBUTE(CKA_ID, id),
            });
            existing = TokenSecretKeys.find(p11(), session, label);
            long chosen = existing.stream().min((a, b) -> Long.compare(a[1], b[1])).map(k -> k[0]).orElse(created);
            if (chosen != created) {
                TokenSecretKeys.destroyQuietly(p11(), session, created); // another process created it at the same time: use theirs
            }
            requireProtected(session, label, chosen);
            return chosen;
        }
        if (existing.size() > 1) {
            // blobs wrapped under one would fail to unwrap under the other: never pick one silently
            throw new HsmException(existing.size() + " keys in token '" + cryptoki.label() + "' are labelled '" + label
                    + "'; the wrapping key must be unique (remove the one no citizen key was wrapped under)");
        }
        long chosen = existing.get(0)[0];
        requireProtected(session, label, chosen);
        return chosen;
    }

    /**
     * Refuses a wrapping key that would let someone who holds the user PIN get citizens' keys out:
     * readable or extractable now or ever before (a copy may exist), good for decrypting (a blob
     * decrypts to the private key) or for deriving (a derived key can expose its value), or not a
     * wrap-and-unwrap AES key at all. Its unwrap template cannot be read through the JDK's wrapper;
     * docs/operations.md asks the HSM administrators for one.
     */
    private void requireProtected(long session, String label, long handle) throws PKCS11Exception {
        CK_ATTRIBUTE[] attributes = {
            new CK_ATTRIBUTE(CKA_KEY_TYPE),
            new CK_ATTRIBUTE(CKA_SENSITIVE),
            new CK_ATTRIBUTE(CKA_ALWAYS_SENSITIVE),
            new CK_ATTRIBUTE(CKA_EXTRACTABLE),
            new CK_ATTRIBUTE(CKA_NEVER_EXTRACTABLE),
            new CK_ATTRIBUTE(CKA_WRAP),
            new CK_ATTRIBUTE(CKA_UNWRAP),
            new CK_ATTRIBUTE(CKA_DECRYPT),
            new CK_ATTRIBUTE(CKA_DERIVE),
        };
        p11().C_GetAttributeValue(session, handle, attributes);
        List<String> lacks = new ArrayList<>();
        if (attributes[0].getLong() != CKK_AES) {
            lacks.add("it is not an AES key");
        }
        if (!attributes[1].getBoolean() || !attributes[2].getBoolean()) {
            lacks.add("it is not sensitive, or was not always (CKA_ALWAYS_SENSITIVE)");
        }
        if (attributes[3].getBoolean() || !attributes[4].getBoolean()) {
            lacks.add("it is extractable, or was once (CKA_NEVER_EXTRACTABLE)");
        }
        if (!attributes[5].getBoolean() || !attributes[6].getBoolean()) {
            lacks.add("it cannot wrap and unwrap");
        }
        if (attributes[7].getBoolean()) {
            lacks.add("it can decrypt");
        }
        if (attributes[8].getBoolean()) {
            lacks.add("it can derive keys");
        }
        if (!lacks.isEmpty()) {
            throw new HsmException("The wrapping key '" + label + "' in token '" + cryptoki.label() + "' must be an"
                    + " AES key, sensitive, not extractable (and never readable or extractable), for wrapping and"
                    + " unwrapping, not for decrypting or deriving: " + String.join("; ", lacks));
        }
    }

    private void forgetIfStale(String label, PKCS11Exception e) {
        if (stale(e)) {
            wrappingKeys.remove(label);
        }
    }

    private static boolean stale(PKCS11Exception e) {
        long code = e.getErrorCode();
        return code == CKR_KEY_HANDLE_INVALID || code == CKR_OBJECT_HANDLE_INVALID
                || code == CKR_UNWRAPPING_KEY_HANDLE_INVALID || code == CKR_WRAPPING_KEY_HANDLE_INVALID;
    }

    /**
     * Destroys a session object; if the token refuses, the session is closed instead of going back to
     * the pool, which destroys its objects (a pooled session would otherwise keep the key for as long
     * as the token is open).
     */
    private void destroy(long session, long handle) {
        try {
            p11().C_DestroyObject(session, handle);
        } catch (PKCS11Exception | RuntimeException e) {
            cryptoki.discardAfterUse(session);
        }
    }
}
