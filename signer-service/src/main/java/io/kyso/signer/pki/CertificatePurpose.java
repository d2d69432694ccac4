package io.kyso.signer.pki;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * What an end-entity certificate from Kyso's CA is for; decides its key usage and extended key
 * usage, and is recorded with its serial ({@code issued_certificate.purpose}: names are stored).
 */
enum CertificatePurpose {
    /** A citizen's signing key: digital signature and non-repudiation. */
    CITIZEN(KeyUsage.digitalSignature | KeyUsage.nonRepudiation, null),
    /** The service's evidence seal: like a citizen's. */
    SEAL(KeyUsage.digitalSignature | KeyUsage.nonRepudiation, null),
    /** The timestamping unit: RFC 3161 requires the critical extended key usage, and only that one. */
    TIMESTAMPING(KeyUsage.digitalSignature, KeyPurposeId.id_kp_timeStamping),
    /** The delegated OCSP responder (RFC 6960 §4.2.2.2), with id-pkix-ocsp-nocheck. */
    OCSP_RESPONDER(KeyUsage.digitalSignature, KeyPurposeId.id_kp_OCSPSigning);

    private final int keyUsage;
    private final KeyPurposeId extendedKeyUsage;

    CertificatePurpose(int keyUsage, KeyPurposeId extendedKeyUsage) {
        this.keyUsage = keyUsage;
        this.extendedKeyUsage = extendedKeyUsage;
    }

    int keyUsage() {
        return keyUsage;
    }

    /** The one extended key usage, or null for none. */
    KeyPurposeId extendedKeyUsage() {
        return extendedKeyUsage;
    }
}
