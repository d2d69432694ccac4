package io.kyso.verification.report;

/** Where a certificate's revocation data came from. */
public enum RevocationSource {
    /** Carried by the signed file: CMS SignedData, the PDF's DSS dictionary, XAdES RevocationValues, a timestamp. */
    EMBEDDED,
    /** Given to the verifier: the service's configured CRLs, {@code kyso-verify --crl}. */
    CONFIGURED,
    /** Fetched over the network during this verification (OCSP, a CRL distribution point). */
    FETCHED,
    /** No revocation data at all. */
    NONE
}
