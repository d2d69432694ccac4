package io.kyso.cli;

import io.kyso.verification.evidence.EvidenceReport;
import io.kyso.verification.evidence.EvidenceVerifier;
import io.kyso.verification.report.ReportJson;
import io.kyso.verification.report.SignatureReport;
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
 * {@code kyso-verify evidence FILE.zip}: checks an evidence package (from
 * {@code GET /api/v1/signing-requests/{id}/evidence}) offline: the service's seal over the manifest,
 * every file's SHA-256, the audit entries' hashes and every document's signatures.
 */
@Command(name = "evidence", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = KysoVerify.ERROR,
        sortOptions = false,
        description = {"Checks a Kyso evidence package offline: the seal over its manifest, every file's SHA-256,",
                "the audit entries and the signed documents. The package's own CRLs are used as revocation data.",
                "Exit status: 0 valid, 1 not valid, 2 error."})
final class EvidenceCommand implements Callable<Integer> {
    @Mixin
    TrustOptions trust;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "FILE.zip", description = "the evidence package")
    Path zip;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        output.configureLogging();
        PrintWriter out = spec.commandLine().getOut();
        EvidenceReport report = new EvidenceVerifier(trust.material(spec.commandLine().getErr()), Clock.systemUTC())
                .verify(zip);
        if (output.json) {
            out.println(ReportJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            print(out, report);
        }
        return report.valid() ? KysoVerify.VALID : KysoVerify.NOT_VALID;
    }

    private void print(PrintWriter out, EvidenceReport report) {
        out.println("EVIDENCE " + (report.valid() ? "VALID" : "NOT VALID") + ": signing request " + report.requestId());
        SignatureReport seal = report.seal();
        if (seal != null) {
            out.println("  SEAL: " + seal.result() + " " + seal.format()
                    + (seal.signer() == null ? "" : ", " + seal.signer().name()) + " — " + seal.reason().text(output.locale()));
        }
        long intact = report.files().stream().filter(EvidenceReport.FileCheck::intact).count();
        out.println("  FILES: " + intact + " of " + report.files().size() + " listed files intact");
        out.println("  AUDIT: " + report.auditEntries() + " entries");
        report.problems().forEach(problem -> out.println("  PROBLEM: " + problem));
        if (report.documents() != null) {
            new ReportPrinter(out, output.locale()).print(report.documents());
        }
    }
}
