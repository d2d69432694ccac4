package io.kyso.verification.audit;

import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.validation.reports.Reports;
import io.kyso.verification.trust.TrustMaterial;
import io.kyso.verification.dss.DssRun;
import io.kyso.verification.dss.KysoPolicy;
import io.kyso.verification.dss.SignatureReader;
import io.kyso.verification.report.SignatureReport;
import io.kyso.verification.report.TimestampReport;
import io.kyso.verification.report.Verdict;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Checks an audit export offline, as {@code kyso-verify audit} does: walks its entries with the
 * service's own {@link AuditChainWalker}, then checks that the seal covers exactly the last entry (a
 * chain cut short after it was sealed, or rebuilt, does not match) and that the seal is the service's
 * valid signature with a valid timestamp over it (EU DSS, CAdES, with the trust given and the export's
 * revocation lists). An export of an earlier version (no header, no seal) is checked for its chain
 * only. Thread-safe.
 */
public final class AuditExportVerifier {
    private final KysoPolicy policy = KysoPolicy.load();
    private final Supplier<TrustMaterial> trust;
    private final Clock clock;

    public AuditExportVerifier(Supplier<TrustMaterial> trust, Clock clock) {
        this.trust = trust;
        this.clock = clock;
    }

    public AuditExportReport verify(Path export) throws IOException {
        Reading reading = new Reading();
        AuditJsonLines.readExport(export, reading::accept);
        ChainCheck check = reading.walker.result();
        if (reading.header == null) {
            return new AuditExportReport(check.valid(), null, check, null, reading.problems);
        }
        AuditExportReport.Seal seal = null;
        if (check.entries() > 0 && reading.seal == null) {
            reading.problems.add("the export has no seal over its last entry");
        } else if (reading.seal != null) {
            seal = seal(reading, check);
        }
        return new AuditExportReport(check.valid() && reading.problems.isEmpty(), reading.header.chain(), check, seal,
                reading.problems);
    }

    /** The lines as they come: the header must be first, one seal at most. */
    private static final class Reading {
        private final AuditChainWalker walker = new AuditChainWalker();
        private final List<String> problems = new ArrayList<>();
        private final List<byte[]> crls = new ArrayList<>();
        private AuditExportLine.Header header;
        private AuditExportLine.Seal seal;
        private boolean first = true;

        void accept(long number, AuditExportLine line) {
            if (line instanceof AuditExportLine.Header h) {
                if (!first || !AuditExportLine.Header.FORMAT.equals(h.kysoAuditExport())) {
                    problems.add("line " + number + " is a header where none may be");
                }
                header = first ? h : header;
            } else if (line instanceof AuditExportLine.Entry entry) {
                walker.accept(entry.entry());
            } else if (line instanceof AuditExportLine.Seal s) {
                if (seal != null) {
                    problems.add("line " + number + " is a second seal");
                }
                seal = s;
            } else if (line instanceof AuditExportLine.Crls c) {
                crls.addAll(c.crls());
            } else {
                walker.unreadable(number);
            }
            first = false;
        }
    }

    private AuditExportReport.Seal seal(Reading reading, ChainCheck check) {
        AuditSealStatement statement = AuditSealStatement.parse(reading.seal.statement());
        if (statement == null) {
            reading.problems.add("the seal's statement cannot be read");
            return null;
        }
        if (!statement.chain().equals(reading.header.chain())) {
            reading.problems.add("the seal is of chain '" + statement.chain() + "', the export of '"
                    + reading.header.chain() + "'");
        } else if (statement.lastSeq() > check.lastSeq()) {
            reading.problems.add("the seal covers entries up to " + statement.lastSeq() + " but the export ends at "
                    + check.lastSeq() + ": entries " + (check.lastSeq() + 1) + " to " + statement.lastSeq()
                    + " were removed");
        } else if (statement.lastSeq() < check.lastSeq()) {
            reading.problems.add("entries " + (statement.lastSeq() + 1) + " to " + check.lastSeq()
                    + " come after the seal: no seal covers them");
        } else if (!Objects.equals(statement.lastHash(), check.lastHash())) {
            reading.problems.add("entry " + statement.lastSeq() + " is not the entry that was sealed: the chain was"
                    + " rebuilt");
        }
        SignatureReport signature = signature(reading);
        TimestampReport timestamp = signature == null ? null : signature.timestamps().stream()
                .filter(t -> "SIGNATURE_TIMESTAMP".equals(t.type()) && t.result() == Verdict.VALID && t.intact())
                .findFirst().orElse(null);
        if (signature != null && timestamp == null) {
            reading.problems.add("the seal carries no valid timestamp over its signature");
        }
        return new AuditExportReport.Seal(statement.lastSeq(), statement.lastHash(), statement.sealedAt(),
                timestamp == null ? null : timestamp.productionTime(), signature);
    }

    private SignatureReport signature(Reading reading) {
        TrustMaterial material = trust.get().withCrls(reading.crls);
        Reports reports = DssRun.validate(new InMemoryDocument(reading.seal.signature(), "audit-seal.p7s"),
                DssRun.Format.CMS, List.of(new InMemoryDocument(reading.seal.statement(), "audit-seal.json")), material,
                clock.instant(), policy);
        List<String> ids = reports.getSimpleReport().getSignatureIdList();
        if (ids.size() != 1) {
            reading.problems.add("the seal holds " + ids.size() + " signatures instead of one");
            return null;
        }
        SignatureReport report = SignatureReader.read(reports, ids.get(0), Set.of());
        if (report.result() != Verdict.VALID) {
            reading.problems.add("the seal is not valid: " + report.reason().text());
        }
        return report;
    }
}
