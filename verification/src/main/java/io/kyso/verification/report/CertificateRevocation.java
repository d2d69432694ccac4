package io.kyso.verification.report;

import java.time.Instant;
import java.util.List;

/**
 * The revocation data found for one certificate of a signature's chain (a trust anchor is not
 * checked, so it has none), and where each came from.
 *
 * @param certificate the certificate's subject
 * @param serial      its serial number, hexadecimal
 * @param source      where the revocation data DSS relied on came from (the one it selected, else the
 *                    first found: embedded, then configured, then fetched); NONE if there is none
 * @param data        every CRL or OCSP response found for it
 */
public record CertificateRevocation(String certificate, String serial, RevocationSource source, List<Datum> data) {

    public CertificateRevocation {
        data = data == null ? List.of() : List.copyOf(data);
    }

    /**
     * One CRL or OCSP response about the certificate.
     *
     * @param type       CRL or OCSP
     * @param source     embedded, configured or fetched
     * @param embeddedIn for embedded data, where in the file DSS found it (DSS's origins, e.g.
     *                   {@code DSS_DICTIONARY}, {@code REVOCATION_VALUES}, {@code CMS_SIGNED_DATA},
     *                   {@code TIMESTAMP_VALIDATION_DATA}); empty otherwise
     * @param url        for fetched data, the address it was fetched from; null otherwise
     * @param status     what it says of the certificate: GOOD, REVOKED or UNKNOWN
     * @param issuedAt   when it was issued (a CRL's thisUpdate, an OCSP response's producedAt)
     * @param used       DSS selected it (the latest acceptable) to judge the certificate
     */
    public record Datum(String type, RevocationSource source, List<String> embeddedIn, String url, String status,
                        Instant issuedAt, boolean used) {
        public Datum {
            embeddedIn = embeddedIn == null ? List.of() : List.copyOf(embeddedIn);
        }
    }
}
