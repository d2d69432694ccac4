package io.kyso.verification.audit;

import java.time.Instant;
import java.util.List;

/**
 * The lines of an audit export: the header that says which chain it holds, its entries
 * ({@link ChainedEntry}), the seal over its last entry, and the CA's revocation lists to check the seal
 * with. An export written before headers and seals existed has entries only.
 */
public sealed interface AuditExportLine {

    /**
     * The first line.
     *
     * @param kysoAuditExport {@value #FORMAT}
     * @param chain           {@value AuditSealStatement#FULL_CHAIN} or {@code portal:<id>}: the entries are
     *                        numbered and linked within that chain
     */
    record Header(String kysoAuditExport, String chain, Instant exportedAt) implements AuditExportLine {
        public static final String FORMAT = "kyso-audit-export/2";
    }

    /** The seal: the statement's bytes and the detached CAdES signature over them (with its timestamp). */
    record Seal(byte[] statement, byte[] signature) implements AuditExportLine {
    }

    /** An entry of the chain. */
    record Entry(ChainedEntry entry) implements AuditExportLine {
    }

    /** A line that is none of these. */
    record Unreadable() implements AuditExportLine {
    }

    /** Revocation lists (DER) of the CA that certified the seal and the timestamping unit, as of the export. */
    record Crls(List<byte[]> crls) implements AuditExportLine {
    }
}
