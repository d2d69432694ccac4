package io.kyso.signer.enrollment;

import io.kyso.hsm.KeySpec;
import io.kyso.hsm.WrappedKey;
import io.kyso.signer.pki.Pem;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A citizen's wrapped private key as the database keeps it: the label of the HSM's wrapping key, the
 * wrapped key (base64 of ciphertext; the key itself is never in the clear outside the HSM) and the
 * certificate chain, end entity first.
 */
public record CitizenKey(String wrappingKey, String wrappedBase64, String chainPem) {

    public static CitizenKey of(WrappedKey key) {
        return new CitizenKey(key.wrappingKey(), Base64.getEncoder().encodeToString(key.blob()),
                key.chain().stream().map(Pem::certificate).collect(Collectors.joining()));
    }

    public WrappedKey toWrappedKey(KeySpec spec) {
        return new WrappedKey(wrappingKey, spec, Base64.getDecoder().decode(wrappedBase64), chain());
    }

    public List<X509Certificate> chain() {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return factory.generateCertificates(new ByteArrayInputStream(chainPem.getBytes(StandardCharsets.US_ASCII)))
                    .stream().map(X509Certificate.class::cast).toList();
        } catch (CertificateException e) {
            throw new IllegalStateException("a citizen's stored certificate chain cannot be read", e);
        }
    }

    @Override
    public String toString() {
        return "CitizenKey[wrapped under '" + wrappingKey + "']";
    }
}
