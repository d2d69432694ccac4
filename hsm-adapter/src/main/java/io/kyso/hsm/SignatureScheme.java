package io.kyso.hsm;

/**
 * How a digest is turned into a signature value.
 *
 * <p>ECDSA values are returned DER-encoded ({@code SEQUENCE { r, s }}), as X.509, CMS and XML-DSig
 * (after conversion) expect.
 */
public enum SignatureScheme {
    /** ECDSA over the digest; the value is DER-encoded. */
    ECDSA,
    /** RSASSA-PKCS1-v1_5: the token signs the DER DigestInfo of the digest. */
    RSA_PKCS1_V15,
    /** RSASSA-PSS with MGF1 over the same hash and a salt as long as the digest. */
    RSA_PSS;

    /** The JCA algorithm name that verifies a value of this scheme over the message itself. */
    public String jcaVerifyName(DigestAlgorithm digest) {
        String hash = digest.jcaName().replace("-", "");
        return switch (this) {
            case ECDSA -> hash + "withECDSA";
            case RSA_PKCS1_V15 -> hash + "withRSA";
            case RSA_PSS -> "RSASSA-PSS";
        };
    }
}
