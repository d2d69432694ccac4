package io.kyso.verification;

/**
 * Whether a verification may reach the network for what a file does not carry and the verifier was
 * not given.
 */
public enum RevocationFetching {
    /** Only the trust material and what the files carry: nothing is fetched (the service, and kyso-verify by default). */
    OFFLINE,
    /**
     * Also OCSP responders, CRL distribution points and issuers' certificates (AIA) named in the
     * certificates, over HTTP; every request is listed in the report.
     */
    ONLINE
}
