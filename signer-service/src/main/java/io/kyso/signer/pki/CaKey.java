package io.kyso.signer.pki;

import io.kyso.hsm.DigestSigner;
import io.kyso.hsm.KeySpec;

import java.security.cert.X509Certificate;

/** A CA's certificate with its key in the HSM: what signs OCSP answers about what it issued. */
public record CaKey(X509Certificate certificate, DigestSigner signer, KeySpec spec) {
}
