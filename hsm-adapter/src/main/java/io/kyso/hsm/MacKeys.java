package io.kyso.hsm;

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
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_VERIFY;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKA_WRAP;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKK_GENERIC_SECRET;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKM_GENERIC_SECRET_KEY_GEN;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKM_SHA256_HMAC;
import static sun.security.pkcs11.wrapper.PKCS11Constants.CKO_SECRET_KEY;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.CK_MECHANISM;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * HMAC-SHA256 with a generic secret key that lives in the token, straight through PKCS#11: the key
 * authenticates data (an audit entry) so that whoever can write the data but not use the token
 * cannot forge it.
 *
 * <p>The key is a 256-bit token object, sensitive, never extractable, good for sign and verify only
 * (no encrypt, decrypt, wrap, unwrap or derive). {@link #key(String, boolean)} finds it and checks
 * those properties, or creates it when asked; two keys of one label are refused (MACs made under one
 * would not verify under the other). Creation is serialised within the JVM; two processes creating it
 * at once each keep the one with the smallest CKA_ID they see, as {@link WrappedKeys} does.
 */
final class MacKeys {
    private static final long CKR_SIGNATURE_INVALID = 0xC0;
    private static final long CKR_SIGNATURE_LEN_RANGE = 0xC1;
    private static final long CKR_KEY_HANDLE_INVALID = 0x60;
    private static final long CKR_OBJECT_HANDLE_INVALID = 0x82;
    /** One creation at a time in this JVM, whatever the number of instances open on the token. */
    private static final Object CREATION = new Object();

    private final Cryptoki cryptoki;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentMap<String, Long> keys = new ConcurrentHashMap<>();

    MacKeys(Cryptoki cryptoki) {
        this.cryptoki = cryptoki;
    }

    private PKCS11 p11() {
        return cryptoki.p11();
    }

    /** The MAC of every message, in order, computed on one session. */
    List<byte[]> mac(String label, List<byte[]> messages) {
        Objects.requireNonNull(messages, "messages");
        return againIfStale(label, () -> {
            long key = key(label, false);
            return cryptoki.withSession(session -> {
                List<byte[]> macs = new ArrayList<>(messages.size());
                for (byte[] message : messages) {
                    p11().C_SignInit(session, new CK_MECHANISM(CKM_SHA256_HMAC), key);
                    macs.add(p11().C_Sign(session, Objects.requireNonNull(message, "message")));
                }
                return macs;
            });
        });
    }

    /** Whether each MAC is the one of its message, checked by the token on one session. */
    List<Boolean> verify(String label, List<byte[]> messages, List<byte[]> macs) {
        if (messages.size() != macs.size()) {
            throw new IllegalArgumentException(messages.size() + " messages but " + macs.size() + " MACs");
        }
        return againIfStale(label, () -> {
            long key = key(label, false);
            return cryptoki.withSession(session -> {
                List<Boolean> results = new ArrayList<>(messages.size());
                for (int i = 0; i < messages.size(); i++) {
                    results.add(verifyOne(session, key, messages.get(i), macs.get(i)));
                }
                return results;
            });
        });
    }

    private boolean verifyOne(long session, long key, byte[] message, byte[] mac) throws PKCS11Exception {
        p11().C_VerifyInit(session, new CK_MECHANISM(CKM_SHA256_HMAC), key);
        try {
            p11().C_Verify(session, Objects.requireNonNull(message, "message"), Objects.requireNonNull(mac, "mac"));
            return true;
        } catch (PKCS11Exception e) {
            // the token ends the operation on a wrong MAC; nothing is left to finish
            if (e.getErrorCode() == CKR_SIGNATURE_INVALID || e.getErrorCode() == CKR_SIGNATURE_LEN_RANGE) {
                return false;
            }
            throw e;
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws PKCS11Exception;
    }

    /** Runs a call on the key; once more if its handle went stale (the token logged out and in since it was found). */
    private <T> T againIfStale(String label, Call<T> call) {
        try {
            try {
                return call.run();
            } catch (PKCS11Exception e) {
                if (!stale(e)) {
                    throw e;
                }
                keys.remove(label);
                return call.run();
            }
        } catch (PKCS11Exception e) {
            if (stale(e)) {
                keys.remove(label);
            }
            throw new TokenUnavailableException("Token '" + cryptoki.label() + "' failed to compute a MAC with '"
                    + label + "': " + e.getMessage(), e);
        }
    }

    private static boolean stale(PKCS11Exception e) {
        return e.getErrorCode() == CKR_KEY_HANDLE_INVALID || e.getErrorCode() == CKR_OBJECT_HANDLE_INVALID;
    }

    /**
     * The handle of the MAC key labelled {@code label}; created if there is none and {@code create},
     * else a {@link KeyNotFoundException} (a missing key is never a reason to make a new one while
     * computing MACs: the old ones would no longer verify).
     */
    long key(String label, boolean create) {
        Objects.requireNonNull(label, "macKey");
        if (label.isBlank()) {
            throw new IllegalArgumentException("the MAC key label must not be blank");
        }
        Long known = keys.get(label);
        if (known != null) {
            return known;
        }
        synchronized (CREATION) {
            known = keys.get(label);
            if (known != null) {
                return known;
            }
            try {
                long handle = create ? cryptoki.withReadWriteSession(session -> findOrCreate(session, label, true))
                        : cryptoki.withSession(session -> findOrCreate(session, label, false));
                keys.put(label, handle);
                return handle;
            } catch (PKCS11Exception e) {
                throw new TokenUnavailableException("Cannot find or create the MAC key '" + label + "' in token '"
                        + cryptoki.label() + "': " + e.getMessage(), e);
            }
        }
    }

    private long findOrCreate(long session, String label, boolean create) throws PKCS11Exception {
        if (!cryptoki.loggedIn()) {
            // private objects are invisible while logged out: not finding the key then proves nothing
            throw new TokenUnavailableException("Token '" + cryptoki.label() + "' is no longer logged in; cannot"
                    + " reach the MAC key '" + label + "'");
        }
        List<long[]> existing = TokenSecretKeys.find(p11(), session, label);
        if (existing.isEmpty() && !create) {
            throw new KeyNotFoundException(label);
        }
        if (existing.isEmpty()) {
            long created = generate(session, label);
            existing = TokenSecretKeys.find(p11(), session, label);
            long chosen = existing.stream().min((a, b) -> Long.compare(a[1], b[1])).map(k -> k[0]).orElse(created);
            if (chosen != created) {
                TokenSecretKeys.destroyQuietly(p11(), session, created); // another process made it at once: use theirs
            }
            requireProtected(session, label, chosen);
            return chosen;
        }
        if (existing.size() > 1) {
            throw new HsmException(existing.size() + " keys in token '" + cryptoki.label() + "' are labelled '" + label
                    + "'; the MAC key must be unique");
        }
        long chosen = existing.get(0)[0];
        requireProtected(session, label, chosen);
        return chosen;
    }

    private long generate(long session, String label) throws PKCS11Exception {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return p11().C_GenerateKey(session, new CK_MECHANISM(CKM_GENERIC_SECRET_KEY_GEN), new CK_ATTRIBUTE[] {
            new CK_ATTRIBUTE(CKA_CLASS, CKO_SECRET_KEY),
            new CK_ATTRIBUTE(CKA_KEY_TYPE, CKK_GENERIC_SECRET),
            new CK_ATTRIBUTE(CKA_VALUE_LEN, 32L),
            new CK_ATTRIBUTE(CKA_TOKEN, true),
            new CK_ATTRIBUTE(CKA_PRIVATE, true),
            new CK_ATTRIBUTE(CKA_SENSITIVE, true),
            new CK_ATTRIBUTE(CKA_EXTRACTABLE, false),
            new CK_ATTRIBUTE(CKA_SIGN, true),
            new CK_ATTRIBUTE(CKA_VERIFY, true),
            new CK_ATTRIBUTE(CKA_ENCRYPT, false),
            new CK_ATTRIBUTE(CKA_DECRYPT, false),
            new CK_ATTRIBUTE(CKA_WRAP, false),
            new CK_ATTRIBUTE(CKA_UNWRAP, false),
            new CK_ATTRIBUTE(CKA_DERIVE, false),
            new CK_ATTRIBUTE(CKA_LABEL, label),
            new CK_ATTRIBUTE(CKA_ID, id),
        });
    }

    private void requireProtected(long session, String label, long handle) throws PKCS11Exception {
        CK_ATTRIBUTE[] attributes = {
            new CK_ATTRIBUTE(CKA_KEY_TYPE),
            new CK_ATTRIBUTE(CKA_SENSITIVE),
            new CK_ATTRIBUTE(CKA_EXTRACTABLE),
            new CK_ATTRIBUTE(CKA_NEVER_EXTRACTABLE),
            new CK_ATTRIBUTE(CKA_SIGN),
            new CK_ATTRIBUTE(CKA_ENCRYPT),
            new CK_ATTRIBUTE(CKA_DECRYPT),
            new CK_ATTRIBUTE(CKA_WRAP),
            new CK_ATTRIBUTE(CKA_UNWRAP),
            new CK_ATTRIBUTE(CKA_DERIVE),
        };
        p11().C_GetAttributeValue(session, handle, attributes);
        boolean macOnly = attributes[4].getBoolean() && !attributes[5].getBoolean() && !attributes[6].getBoolean()
                && !attributes[7].getBoolean() && !attributes[8].getBoolean() && !attributes[9].getBoolean();
        if (attributes[0].getLong() != CKK_GENERIC_SECRET || !attributes[1].getBoolean() || attributes[2].getBoolean()
                || !attributes[3].getBoolean() || !macOnly) {
            throw new HsmException("The MAC key '" + label + "' in token '" + cryptoki.label() + "' must be a generic"
                    + " secret key, sensitive, never extractable, for signing and verifying only");
        }
    }
}
