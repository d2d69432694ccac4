package io.kyso.hsm;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A credential in the token: the alias of its private key (which never leaves the token), the key
 * spec, and its certificate chain, end entity first.
 */
public record KeyEntry(String alias, KeySpec spec, List<X509Certificate> chain) {
    public KeyEntry {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a key entry needs at least its own certificate");
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    public PublicKey publicKey() {
        return certificate().getPublicKey();
    }
}
