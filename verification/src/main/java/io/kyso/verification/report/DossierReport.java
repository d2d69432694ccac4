package io.kyso.verification.report;

import java.time.Instant;
import java.util.List;

/**
 * The engine's answer for a dossier: one verdict, and each file with its signatures. Serialized as
 * JSON by {@link ReportJson}, identically by the service's API and the command line.
 *
 * @param verifiedAt the validation time (signatures are judged at this moment)
 * @param validator  what judged: EU DSS's version and Kyso's validation policy
 * @param verdict    VALID only if every file is signed (or covered by a detached signature) and every
 *                   signature is VALID
 * @param reason     why, in plain words
 * @param signatures how many signatures the dossier holds
 * @param valid      how many of them are VALID
 * @param online     the verifier was allowed to fetch revocation data and missing issuers over the network
 *                   ({@code kyso-verify --online}); false when it used only what it was given and what the
 *                   files carry
 */
public record DossierReport(
        Instant verifiedAt,
        String validator,
        Verdict verdict,
        Finding reason,
        int signatures,
        int valid,
        List<FileReport> files,
        boolean online) {

    public DossierReport {
        files = List.copyOf(files);
    }
}
