package io.kyso.cli;

import io.kyso.verification.report.DossierReport;
import io.kyso.verification.report.FileReport;
import io.kyso.verification.report.Messages;
import io.kyso.verification.report.SignatureReport;
import io.kyso.verification.report.Verdict;

import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The text form of a report, one verdict per line so that {@code grep} and a reader both find it:
 * <pre>
 * DOSSIER VALID: Valid: all 2 file(s) are signed and all 2 signature(s) are valid.
 * FILE 1 giay-de-nghi-signed.pdf: VALID (signed)
 *   SIGNATURE 1: VALID PAdES-BASELINE-B, Nguyễn Thị Hồng Nhung, CCCD 001099012345, claimed 2025-…Z
 *     The signature is valid: …
 * </pre>
 */
final class ReportPrinter {
    private final PrintWriter out;
    private final Locale locale;

    ReportPrinter(PrintWriter out, Locale locale) {
        this.out = out;
        this.locale = locale;
    }

    void print(DossierReport report) {
        out.println("DOSSIER " + report.verdict() + ": " + report.reason().text(locale));
        for (FileReport file : report.files()) {
            out.println("FILE " + (file.index() + 1) + " " + file.name() + ": " + file.verdict() + " ("
                    + Messages.text("label.status." + file.status().name(), locale) + ")");
            if (file.signatures().isEmpty() || file.verdict() != Verdict.VALID && file.status() != FileReport.Status.SIGNED) {
                out.println("  " + file.reason().text(locale));
            }
            int n = 1;
            for (SignatureReport signature : file.signatures()) {
                printSignature(n++, signature);
            }
        }
    }

    private void printSignature(int n, SignatureReport s) {
        StringBuilder line = new StringBuilder("  SIGNATURE ").append(n).append(": ").append(s.result()).append(' ')
                .append(s.format());
        if (s.signer() != null) {
            line.append(", ").append(s.signer().name());
            if (s.signer().nationalId() != null) {
                line.append(", CCCD ").append(s.signer().nationalId());
            }
        }
        if (s.claimedSigningTime() != null) {
            line.append(", claimed ").append(DateTimeFormatter.ISO_INSTANT.format(s.claimedSigningTime()));
        }
        out.println(line);
        out.println("    " + s.reason().text(locale));
        if (s.result() != Verdict.VALID) {
            out.println("    DSS: " + s.indication() + (s.subIndication() == null ? "" : "/" + s.subIndication())
                    + (s.errors().isEmpty() ? "" : " — " + String.join("; ", s.errors())));
        }
    }
}
