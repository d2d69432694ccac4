package io.kyso.cli;

import io.kyso.verification.audit.AuditExportReport;
import io.kyso.verification.audit.AuditExportVerifier;
import io.kyso.verification.audit.ChainCheck;
import io.kyso.verification.report.ReportJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * {@code kyso-verify audit EXPORT.jsonl}: checks an audit export (from {@code GET /api/v1/audit/export},
 * a portal's own chain or the full chain) with the service's own chain walker, names the first edited,
 * missing or reordered entry, and checks the seal over the last entry: the service's signature and
 * the timestamp over it, with the trust given and the export's revocation lists.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = KysoVerify.ERROR,
        sortOptions = false,
        description = {"Checks an audit export (JSON Lines) offline: every entry's hash, the chain, the order, and the",
                "seal over its last entry (signature and timestamp; give the CA's root with --trust).",
                "Exit status: 0 intact and sealed, 1 broken, 2 error."})
final class AuditCommand implements Callable<Integer> {
    @Mixin
    TrustOptions trust;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "EXPORT.jsonl", description = "the export to check")
    Path export;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        output.configureLogging();
        PrintWriter out = spec.commandLine().getOut();
        AuditExportReport report = new AuditExportVerifier(trust.material(spec.commandLine().getErr()), Clock.systemUTC())
                .verify(export);
        ChainCheck check = report.check();
        if (output.json) {
            out.println(ReportJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else if (check.entries() == 0) {
            out.println("AUDIT EXPORT EMPTY: no entry to check");
        } else if (!check.valid()) {
            out.println("AUDIT CHAIN BROKEN at entry " + check.firstBrokenEntry() + ": " + check.problem());
        } else if (!report.valid()) {
            out.println("AUDIT CHAIN NOT PROVEN: " + String.join("; ", report.problems()));
        } else {
            out.println("AUDIT CHAIN INTACT: " + check.entries() + " entries" + what(report) + ", last entry "
                    + check.lastSeq() + " " + check.lastHash());
        }
        if (!output.json && report.seal() != null) {
            AuditExportReport.Seal seal = report.seal();
            out.println("  SEAL: " + (seal.signature() == null ? "unreadable" : seal.signature().result() + " "
                    + seal.signature().format()) + ", entries up to " + seal.lastSeq() + ", timestamped "
                    + (seal.timestampedAt() == null ? "no" : seal.timestampedAt().toString()));
        }
        return report.valid() && check.entries() > 0 ? KysoVerify.VALID : KysoVerify.NOT_VALID;
    }

    private static String what(AuditExportReport report) {
        if (report.chain() == null) {
            return " (" + report.check().redacted() + " of other portals, hashes only; an export without a seal)";
        }
        return report.chain().startsWith("portal:") ? " of " + report.chain() + "'s own chain" : " of the full chain";
    }
}
