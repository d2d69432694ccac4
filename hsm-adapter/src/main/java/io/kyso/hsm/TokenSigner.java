package io.kyso.hsm;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Objects;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * Signs digests in the token and verifies every value in software (with the {@link ValueVerifier} the
 * token was opened with) before handing it out.
 *
 * <p>ECDSA and RSASSA-PKCS1-v1_5 go through SunPKCS11 ({@code NONEwithECDSA}, which returns DER, and
 * {@code NONEwithRSA} over the DigestInfo), with a new {@link Signature} per call: SunPKCS11 signature
 * objects are not thread-safe. RSA-PSS goes through {@link TokenObjects#signPss}, because SunPKCS11's
 * {@code RSASSA-PSS} hashes its input and so cannot sign a digest.
 */
final class TokenSigner {
    private final Provider provider;
    private final TokenObjects objects;
    private final String tokenLabel;
    private final ValueVerifier verifier;

    TokenSigner(Provider provider, TokenObjects objects, String tokenLabel, ValueVerifier verifier) {
        this.provider = provider;
        this.objects = objects;
        this.tokenLabel = tokenLabel;
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /** Finds the object handle of the private key, for RSA-PSS. */
    @FunctionalInterface
    interface HandleSource {
        long handle() throws PKCS11Exception;
    }

    /** A private key in the token, with the public key its values must verify with. */
    record SigningKey(String alias, KeySpec spec, PrivateKey privateKey, PublicKey publicKey, HandleSource handle) {
    }

    static void checkRequest(KeySpec spec, DigestAlgorithm algorithm, SignatureScheme scheme, byte[] digest) {
        Objects.requireNonNull(algorithm, "digestAlgorithm");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(digest, "digest");
        if (digest.length != algorithm.length()) {
            throw new IllegalArgumentException("a " + algorithm.jcaName() + " digest has " + algorithm.length()
                    + " bytes, not " + digest.length);
        }
        if (spec.isEc() != (scheme == SignatureScheme.ECDSA)) {
            throw new IllegalArgumentException("scheme " + scheme + " does not apply to a " + spec + " key");
        }
    }

    byte[] sign(SigningKey key, DigestAlgorithm algorithm, SignatureScheme scheme, byte[] digest) {
        checkRequest(key.spec(), algorithm, scheme, digest);
        byte[] value;
        try {
            value = switch (scheme) {
                case ECDSA -> jca("NONEwithECDSA", key.privateKey(), digest);
                case RSA_PKCS1_V15 -> jca("NONEwithRSA", key.privateKey(), RsaEncoding.digestInfo(algorithm, digest));
                case RSA_PSS -> objects.signPss(key.handle().handle(), algorithm, digest);
            };
        } catch (GeneralSecurityException | ProviderException | PKCS11Exception e) {
            throw new TokenUnavailableException("Token '" + tokenLabel + "' failed to sign with key '" + key.alias()
                    + "': " + e, e);
        }
        if (!verifier.verifies(key.publicKey(), algorithm, scheme, digest, value)) {
            throw new SignatureVerificationException("Token '" + tokenLabel + "' returned a " + scheme + " value that"
                    + " does not verify with the public key of '" + key.alias() + "'");
        }
        return value;
    }

    private byte[] jca(String algorithm, PrivateKey key, byte[] input) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(algorithm, provider);
        signature.initSign(key);
        signature.update(input);
        return signature.sign();
    }
}
