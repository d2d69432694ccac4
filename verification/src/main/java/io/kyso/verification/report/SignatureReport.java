package io.kyso.verification.report;

import java.time.Instant;
import java.util.List;

/**
 * One signature as the engine judged it.
 *
 * @param id                 DSS's identifier of the signature (stable for the same file)
 * @param signer             who signed, from the signing certificate; null if DSS found no certificate
 * @param claimedSigningTime the time the signature claims (not proven without a timestamp); may be null
 * @param format             format and level as DSS determined them, e.g. {@code PAdES-BASELINE-B}
 * @param result             the verdict; only VALID is valid
 * @param reason             why, in plain words
 * @param indication         DSS's indication: TOTAL_PASSED, INDETERMINATE, TOTAL_FAILED
 * @param subIndication      DSS's sub-indication, e.g. {@code REVOKED_NO_POE}; null when TOTAL_PASSED
 * @param intact             the signed data and the signature value are untouched (integrity)
 * @param chain              the certificate chain and its trust anchor
 * @param revocation         the signing certificate's revocation status
 * @param coverage           what the signature covers
 * @param pdfChanges         for a PDF signature, what changed after it; null otherwise
 * @param errors             DSS's validation errors, in its words
 * @param warnings           DSS's warnings, in its words
 * @param level              the baseline level the signature reaches, as DSS determines it from what the
 *                           signature carries: B, T, LT or LTA; null if {@code format} is not a baseline one
 * @param proofOfExistence   the earliest time DSS can prove the signature existed; null if DSS gives none
 * @param timestamps         every timestamp covering the signature, oldest first
 * @param revocationData     for each certificate of the chain (signer first, trust anchors left out),
 *                           the revocation data found and where it came from
 */
public record SignatureReport(
        String id,
        Signer signer,
        Instant claimedSigningTime,
        String format,
        Verdict result,
        Finding reason,
        String indication,
        String subIndication,
        boolean intact,
        Chain chain,
        Revocation revocation,
        Coverage coverage,
        PdfChanges pdfChanges,
        List<String> errors,
        List<String> warnings,
        String level,
        ProofOfExistence proofOfExistence,
        List<TimestampReport> timestamps,
        List<CertificateRevocation> revocationData) {

    public SignatureReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        // reports stored before these fields existed read as no timestamp and no revocation data
        timestamps = timestamps == null ? List.of() : List.copyOf(timestamps);
        revocationData = revocationData == null ? List.of() : List.copyOf(revocationData);
    }

    /**
     * The signer as the certificate names them.
     *
     * @param nationalId the 12-digit CCCD from the subject's {@code UID=CCCD:<digits>}; null if absent
     * @param serial     the certificate's serial number, hexadecimal
     * @param issuer     the issuer's distinguished name
     */
    public record Signer(String name, String nationalId, String serial, String issuer) {
    }

    /**
     * @param trusted     the chain ends at a configured trust anchor
     * @param trustAnchor the anchor's distinguished name, if trusted
     * @param certificates subjects of the chain, signer first
     */
    public record Chain(boolean trusted, String trustAnchor, List<String> certificates) {
        public Chain {
            certificates = List.copyOf(certificates);
        }
    }

    /**
     * The signing certificate's revocation status.
     *
     * @param status    GOOD, REVOKED, UNKNOWN (no revocation data found) or NOT_CHECKED (no certificate)
     * @param revokedAt when the certificate was revoked, if it was
     * @param reason    the CRL's reason code name, if revoked
     * @param source    where its revocation data came from (see {@link CertificateRevocation#source()});
     *                  null in reports stored before it was recorded
     */
    public record Revocation(String status, Instant revokedAt, String reason, RevocationSource source) {
    }

    /**
     * @param type        DSS's scope type of the widest scope: FULL, PARTIAL, DIGEST, ARCHIVED, or NONE
     * @param description what is covered, e.g. "Full PDF", "Partial PDF", the element or file name
     * @param detachedFiles for a detached signature, the names of the files of the dossier it covers
     */
    public record Coverage(String type, String description, List<String> detachedFiles) {
        public Coverage {
            detachedFiles = List.copyOf(detachedFiles);
        }
    }
}
