package io.kyso.signer.signing;

import io.kyso.hsm.KeySpec;
import io.kyso.hsm.SignatureScheme;
import io.kyso.hsm.WrappedKey;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Whose key signs: the key (wrapped, or in the token under {@code keyAlias} when {@code wrappedKey} is
 * null), the key's kind, the name to show, and the certificate chain (end entity first).
 */
public record SignerIdentity(String keyAlias, KeySpec spec, String fullName, List<X509Certificate> chain,
                             WrappedKey wrappedKey) {
    public SignerIdentity {
        chain = List.copyOf(chain);
    }

    /** A key stored in the token under {@code keyAlias}. */
    public SignerIdentity(String keyAlias, KeySpec spec, String fullName, List<X509Certificate> chain) {
        this(keyAlias, spec, fullName, chain, null);
    }

    /** A wrapped key: its chain is the one it was certified with. */
    public static SignerIdentity wrapped(String keyAlias, String fullName, WrappedKey key) {
        return new SignerIdentity(keyAlias, key.spec(), fullName, key.chain(), key);
    }

    /** How this signer's key turns a digest into a value: ECDSA for EC keys, PKCS#1 v1.5 for RSA. */
    public SignatureScheme defaultScheme() {
        return spec.isEc() ? SignatureScheme.ECDSA : SignatureScheme.RSA_PKCS1_V15;
    }

    /** How this signer's key signs a document with {@code options}: RSASSA-PSS for an RSA key if they ask for it. */
    public SignatureScheme schemeFor(DocumentOptions options) {
        return !spec.isEc() && options.padding() == DocumentOptions.RsaPadding.PSS
                ? SignatureScheme.RSA_PSS : defaultScheme();
    }
}
