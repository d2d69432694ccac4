package io.kyso.verification.audit;

import io.kyso.verification.report.SignatureReport;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of checking an audit export offline.
 *
 * @param valid    the chain is intact and, for an export that carries a seal, the seal is valid,
 *                 timestamped and covers exactly the export's last entry
 * @param chain    which chain the export holds ({@code full}, {@code portal:<id>}); null for an export
 *                 of an earlier version (entries only, no seal)
 * @param check    the walk of the entries
 * @param seal     the seal over the last entry; null if there is none
 * @param problems what is wrong besides the walk's own finding, in plain words
 */
public record AuditExportReport(boolean valid, String chain, ChainCheck check, Seal seal, List<String> problems) {
    public AuditExportReport {
        problems = List.copyOf(problems);
    }

    /**
     * The seal as checked.
     *
     * @param lastSeq       the last entry the seal covers
     * @param sealedAt      when the service says it sealed
     * @param timestampedAt the time the timestamping authority certifies for the seal's signature; null if none
     * @param signature     EU DSS's report on the seal's signature
     */
    public record Seal(long lastSeq, String lastHash, Instant sealedAt, Instant timestampedAt,
                       SignatureReport signature) {
    }
}
