package io.kyso.verification.report;

import java.time.Instant;
import java.util.List;

/**
 * One timestamp that covers a signature: the signature's own (a signature timestamp), or one over the
 * document or the signature's long-term data (a PDF document timestamp, an XAdES archive timestamp).
 *
 * @param id             DSS's identifier of the timestamp (stable for the same file)
 * @param type           DSS's timestamp type: {@code SIGNATURE_TIMESTAMP}, {@code DOCUMENT_TIMESTAMP},
 *                       {@code ARCHIVE_TIMESTAMP}, {@code CONTENT_TIMESTAMP}, {@code ALL_DATA_OBJECTS_TIMESTAMP},
 *                       {@code VALIDATION_DATA_TIMESTAMP}…
 * @param productionTime the time the authority certifies (the token's genTime)
 * @param authority      the timestamping authority: its certificate's subject, else the name the token
 *                       gives; null if neither is known
 * @param result         the timestamp's own verdict (its signature, its imprint, its authority's chain)
 * @param indication     DSS's indication for the timestamp; null if DSS gave none
 * @param subIndication  DSS's sub-indication; null when passed
 * @param intact         the timestamped data is found and matches the token, and the token's signature is valid
 * @param covers         what the timestamp covers
 */
public record TimestampReport(
        String id,
        String type,
        Instant productionTime,
        String authority,
        Verdict result,
        String indication,
        String subIndication,
        boolean intact,
        Covers covers) {

    /**
     * @param signature      it covers the signature value (so it proves the signature existed at its time)
     * @param signedData     it covers the signed content itself
     * @param timestamps     identifiers of the earlier timestamps it covers
     * @param certificates   how many certificates it covers
     * @param revocationData how many revocation data (CRLs, OCSP responses) it covers
     * @param scope          DSS's description of its scope, e.g. "Full PDF"; null if DSS gives none
     */
    public record Covers(boolean signature, boolean signedData, List<String> timestamps, int certificates,
                         int revocationData, String scope) {
        public Covers {
            timestamps = timestamps == null ? List.of() : List.copyOf(timestamps);
        }
    }
}
