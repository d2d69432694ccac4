package io.kyso.signer.signing;

import io.kyso.hsm.KeySpec;

import java.security.cert.X509Certificate;
import java.util.List;

/** Whose key signs: the HSM alias, the key's kind, and the certificate chain (end entity first). */
public record SignerIdentity(String keyAlias, KeySpec spec, String fullName, List<X509Certificate> chain) {
    public SignerIdentity {
        chain = List.copyOf(chain);
    }
}
