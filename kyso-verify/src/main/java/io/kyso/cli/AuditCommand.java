package io.kyso.cli;

import io.kyso.verification.audit.AuditJsonLines;
import io.kyso.verification.audit.ChainCheck;
import io.kyso.verification.report.ReportJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code kyso-verify audit EXPORT.jsonl}: checks an audit export (from {@code GET /api/v1/audit/export})
 * with the service's own chain walker, and names the first edited, missing or reordered entry.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = KysoVerify.ERROR,
        description = {"Checks an audit export (JSON Lines) offline: every entry's hash, the chain, the order.",
                "Compare the last entry with GET /api/v1/audit/verify (lastSeq, lastHash) to rule out a cut-off end.",
                "Exit status: 0 intact, 1 broken, 2 error."})
final class AuditCommand implements Callable<Integer> {
    @Parameters(paramLabel = "EXPORT.jsonl", description = "the export to check")
    Path export;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ChainCheck check = AuditJsonLines.check(export);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ReportJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(check));
        } else if (check.entries() == 0) {
            out.println("AUDIT EXPORT EMPTY: no entry to check");
        } else if (check.valid()) {
            out.println("AUDIT CHAIN INTACT: " + check.entries() + " entries (" + check.redacted()
                    + " of other portals, hashes only), last entry " + check.lastSeq() + " " + check.lastHash());
        } else {
            out.println("AUDIT CHAIN BROKEN at entry " + check.firstBrokenEntry() + ": " + check.problem());
        }
        return check.valid() && check.entries() > 0 ? KysoVerify.VALID : KysoVerify.NOT_VALID;
    }
}
