package io.kyso.signer.pki;

/**
 * Where a relying party fetches what it needs about a certificate Kyso issues, written into it: the
 * issuer's certificate (DER) and the OCSP responder (Authority Information Access), and the CRL
 * (CRL distribution point). A validator that holds only the certificate and a trust anchor can
 * build the chain and check revocation from these alone.
 */
record PublicationPoints(String issuerCertificateUrl, String ocspUrl, String crlUrl) {
}
