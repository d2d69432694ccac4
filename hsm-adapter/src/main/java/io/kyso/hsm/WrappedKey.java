package io.kyso.hsm;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A credential whose private key is kept outside the token, encrypted (AES key wrap with padding,
 * RFC 5649) under an AES key that never leaves the token. The caller stores it (signer-service keeps
 * it in the citizen's database row); to sign, the token unwraps it as a session object, signs and
 * destroys it. The token therefore holds a handful of objects whatever the number of credentials.
 *
 * <p>The blob is ciphertext and carries its own integrity check: a blob that was altered, or wrapped
 * under another key, fails to unwrap. It is still worth keeping to those who need it; {@link #toString()}
 * never prints it.
 *
 * @param wrappingKey the label of the token's AES key the private key is wrapped under
 * @param spec        the kind of key pair
 * @param blob        the wrapped private key (PKCS#8 inside, as the token encodes it)
 * @param chain       its certificate chain, end entity first
 */
public record WrappedKey(String wrappingKey, KeySpec spec, byte[] blob, List<X509Certificate> chain) {
    public WrappedKey {
        Objects.requireNonNull(wrappingKey, "wrappingKey");
        Objects.requireNonNull(spec, "spec");
        blob = Objects.requireNonNull(blob, "blob").clone();
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a wrapped key needs at least its own certificate");
        }
        if (blob.length == 0) {
            throw new IllegalArgumentException("the wrapped key is empty");
        }
        if (!spec.keyAlgorithm().equals(chain.get(0).getPublicKey().getAlgorithm())) {
            throw new IllegalArgumentException("a " + spec + " key cannot have a certificate for a "
                    + chain.get(0).getPublicKey().getAlgorithm() + " key");
        }
    }

    /** Names the key in messages and logs without personal data: its certificate's serial number. */
    public String name() {
        return "the wrapped key of certificate " + certificate().getSerialNumber().toString(16);
    }

    @Override
    public byte[] blob() {
        return blob.clone();
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    public PublicKey publicKey() {
        return certificate().getPublicKey();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WrappedKey key && wrappingKey.equals(key.wrappingKey) && spec == key.spec
                && Arrays.equals(blob, key.blob) && chain.equals(key.chain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(wrappingKey, spec, Arrays.hashCode(blob), chain);
    }

    @Override
    public String toString() {
        return "WrappedKey[" + spec + " under '" + wrappingKey + "', certificate " + certificate().getSerialNumber().toString(16)
                + "]";
    }
}
