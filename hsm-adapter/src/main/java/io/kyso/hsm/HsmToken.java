package io.kyso.hsm;

import java.util.List;
import java.util.Optional;

/**
 * One logged-in PKCS#11 token holding credentials' private keys.
 *
 * <p>Keys are generated inside the token. Stored keys are sensitive and non-extractable; a wrapped
 * key ({@link #generateWrapped}) leaves the token only encrypted under a token key that never does.
 * No method returns private key material in the clear. Every signature value is verified with the
 * key's public key before it is returned.
 *
 * <p>Implementations are thread-safe: any number of threads may sign at once.
 *
 * <p>{@link TokenUnavailableException} means the token cannot be reached now: retry later. An
 * implementation never reports an outage as a missing key, an invalid wrapped key or a value that does
 * not verify; those mean the token is healthy and the caller's key is at fault.
 */
public interface HsmToken extends AutoCloseable {

    /**
     * Generates a key pair in the token, has {@code issuer} certify its public key, and stores the
     * key with that chain under {@code alias}.
     *
     * @throws IllegalArgumentException if the alias is taken or the chain does not certify the key
     */
    KeyEntry generate(String alias, KeySpec spec, ChainIssuer issuer);

    /**
     * The credential stored under {@code alias}, if any.
     *
     * @throws TokenUnavailableException if the token cannot be reached: an outage is never "no such key"
     */
    Optional<KeyEntry> find(String alias);

    /**
     * Signs a digest with the private key under {@code alias}, and verifies the value before
     * returning it.
     *
     * @throws KeyNotFoundException if there is no such key
     * @throws SignatureVerificationException if the token's value does not verify
     * @throws TokenUnavailableException if the token cannot be reached
     */
    byte[] signDigest(String alias, DigestAlgorithm digestAlgorithm, SignatureScheme scheme, byte[] digest);

    /**
     * Checks that the token holds exactly one AES key labelled {@code wrappingKey} that is sensitive
     * and always was, not extractable and never was, good for wrapping and unwrapping but not for
     * decrypting or deriving; if there is none and
     * {@code create}, creates one so (without an unwrap template, which the JDK's PKCS#11 wrapper
     * cannot express: production keys are provisioned with one, see docs/operations.md).
     *
     * @throws KeyNotFoundException if there is none and not {@code create}
     * @throws HsmException if the key is not protected so, or several keys have the label
     */
    void requireWrappingKey(String wrappingKey, boolean create);

    /**
     * Generates a key pair in the token, has {@code issuer} certify its public key, and returns the
     * private key wrapped under the token's AES key labelled {@code wrappingKey} (see
     * {@link #requireWrappingKey}; never created here): nothing stays in the token, the caller keeps
     * the {@link WrappedKey}. The private key is never in the clear outside the token.
     *
     * @throws IllegalArgumentException if the chain does not certify the key
     * @throws KeyNotFoundException if there is no such wrapping key
     * @throws TokenUnavailableException if the token cannot be reached or cannot wrap keys
     */
    WrappedKey generateWrapped(String wrappingKey, KeySpec spec, ChainIssuer issuer);

    /**
     * Signs a digest with a wrapped private key: the token unwraps it as a session object, signs,
     * and destroys it. The value is verified with the key's certificate before it is returned.
     *
     * @throws WrappedKeyInvalidException if the token cannot unwrap the blob
     * @throws SignatureVerificationException if the token's value does not verify
     * @throws TokenUnavailableException if the token cannot be reached
     */
    byte[] signDigest(WrappedKey key, DigestAlgorithm digestAlgorithm, SignatureScheme scheme, byte[] digest);

    /**
     * Checks that the token holds exactly one generic secret key labelled {@code macKey} that is
     * sensitive, never extractable and good for signing and verifying only (HMAC); if there is none
     * and {@code create}, creates one so (256 bits).
     *
     * @throws KeyNotFoundException if there is none and not {@code create}
     * @throws HsmException if the key is not protected so, or several keys have the label
     * @throws TokenUnavailableException if the token cannot be reached
     */
    void requireMacKey(String macKey, boolean create);

    /**
     * The HMAC-SHA256 of each message under the token's MAC key labelled {@code macKey} (see
     * {@link #requireMacKey}; never created here), in order, computed on one session.
     *
     * @throws KeyNotFoundException if there is no such key
     * @throws TokenUnavailableException if the token cannot be reached
     */
    List<byte[]> mac(String macKey, List<byte[]> messages);

    /**
     * Whether each MAC is the HMAC-SHA256 of its message under the MAC key labelled {@code macKey},
     * as the token checks it ({@code C_Verify}), in order, on one session. A wrong MAC is
     * {@code false}, never an exception.
     *
     * @throws IllegalArgumentException if the lists differ in size
     * @throws KeyNotFoundException if there is no such key
     * @throws TokenUnavailableException if the token cannot be reached
     */
    List<Boolean> verifyMacs(String macKey, List<byte[]> messages, List<byte[]> macs);

    /** Removes the key pair and certificate under {@code alias}; returns false if there was none. */
    boolean destroy(String alias);

    /** Probes the token with a real operation; never throws. */
    TokenHealth health();

    /** Releases the provider. Does not log out other users of the same token in this process. */
    /**
     * Signs every digest of {@code batch} with the private key under {@code alias}, in one call, and
     * verifies every value before returning them, in the batch's order.
     *
     * @throws KeyNotFoundException if there is no such key
     * @throws IllegalArgumentException if the batch's scheme does not apply to the key
     * @throws SignatureVerificationException if a value the token returned does not verify
     * @throws TokenUnavailableException if the token cannot be reached
     */
    List<byte[]> signDigests(String alias, DigestBatch batch);

    /**
     * Signs every digest of {@code batch} with a wrapped private key: the token unwraps it once as a
     * session object, signs every digest, and destroys it. Every value is verified with the key's
     * certificate before the values are returned, in the batch's order.
     *
     * @throws WrappedKeyInvalidException if the token cannot unwrap the blob
     * @throws IllegalArgumentException if the batch's scheme does not apply to the key
     * @throws SignatureVerificationException if a value the token returned does not verify
     * @throws TokenUnavailableException if the token cannot be reached
     */
    List<byte[]> signDigests(WrappedKey key, DigestBatch batch);

    @Override
    void close();
}
