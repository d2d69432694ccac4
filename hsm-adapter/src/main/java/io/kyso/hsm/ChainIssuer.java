package io.kyso.hsm;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Issues the certificate chain of a freshly generated key, before the key is stored in the token.
 * A self-signed CA uses {@code ownKey} to sign its own certificate; an end entity ignores it.
 */
@FunctionalInterface
public interface ChainIssuer {
    /** @return the chain, end entity first; its first certificate must certify {@code publicKey} */
    List<X509Certificate> issue(PublicKey publicKey, DigestSigner ownKey);
}
