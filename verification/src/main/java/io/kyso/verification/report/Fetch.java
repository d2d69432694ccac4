package io.kyso.verification.report;

/**
 * One request the verifier made over the network, when it was allowed to ({@code kyso-verify --online}).
 *
 * @param kind      what was asked for: OCSP, CRL, or CERTIFICATE (a missing issuer, from its AIA address)
 * @param url       the address
 * @param succeeded an answer came back (whether it was usable is for DSS to judge, in the revocation data)
 */
public record Fetch(String kind, String url, boolean succeeded) {
}
