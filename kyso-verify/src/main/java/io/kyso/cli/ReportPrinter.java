package io.kyso.cli;

import io.kyso.verification.report.CertificateRevocation;
import io.kyso.verification.report.DossierReport;
import io.kyso.verification.report.FileReport;
import io.kyso.verification.report.LongTermText;
import io.kyso.verification.report.Messages;
import io.kyso.verification.report.SignatureReport;
import io.kyso.verification.report.TimestampReport;
import io.kyso.verification.report.Verdict;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;

/**
 * The text form of a report, one verdict per line so that {@code grep} and a reader both find it:
 * <pre>
 * DOSSIER VALID: Valid: all 2 file(s) are signed and all 2 signature(s) are valid.
 * FILE 1 giay-de-nghi-signed.pdf: VALID (signed)
 *   SIGNATURE 1: VALID PAdES-BASELINE-LT, Nguyễn Thị Hồng Nhung, CCCD 001099012345, claimed 2025-…Z
 *     The signature is valid: …
 *     LEVEL: LT: timestamped, with the certificates and revocation data to check it long-term
 *     PROVEN TO EXIST: 2025-…Z, by a timestamp
 *     TIMESTAMP 1: signature timestamp, 2025-…Z, by CN=…; covers the signature, … — VALID
 *     REVOCATION: embedded in the signed file (the PDF's DSS dictionary): OCSP response issued …, not revoked
 *     REVOCATION CN=Kyso Development Issuing CA,…: embedded in the signed file (…): CRL issued …, not revoked
 * </pre>
 * With {@code --online}, an {@code ONLINE:} line follows the dossier's and a {@code FETCHED:} line
 * under each file names every address asked.
 */
final class ReportPrinter {
    private static final Function<Instant, String> TIME = DateTimeFormatter.ISO_INSTANT::format;
    private final PrintWriter out;
    private final Locale locale;

    ReportPrinter(PrintWriter out, Locale locale) {
        this.out = out;
        this.locale = locale;
    }

    void print(DossierReport report) {
        out.println("DOSSIER " + report.verdict() + ": " + report.reason().text(locale));
        if (report.online()) {
            out.println("ONLINE: " + LongTermText.fetching(true, locale));
        }
        for (FileReport file : report.files()) {
            out.println("FILE " + (file.index() + 1) + " " + file.name() + ": " + file.verdict() + " ("
                    + Messages.text("label.status." + file.status().name(), locale) + ")");
            if (file.signatures().isEmpty() || file.verdict() != Verdict.VALID && file.status() != FileReport.Status.SIGNED) {
                out.println("  " + file.reason().text(locale));
            }
            file.fetched().forEach(fetch -> out.println("  FETCHED: " + LongTermText.fetch(fetch, locale)));
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
        printLongTerm(s);
    }

    /** The level, the proof of existence, each timestamp, and where each certificate's revocation data came from. */
    private void printLongTerm(SignatureReport s) {
        out.println("    LEVEL: " + LongTermText.level(s.level(), locale));
        if (s.proofOfExistence() != null) {
            out.println("    PROVEN TO EXIST: " + LongTermText.proofOfExistence(s.proofOfExistence(), locale, TIME));
        }
        int n = 1;
        for (TimestampReport timestamp : s.timestamps()) {
            out.println("    TIMESTAMP " + n++ + ": " + LongTermText.timestamp(timestamp, locale, TIME));
        }
        for (int i = 0; i < s.revocationData().size(); i++) {
            CertificateRevocation certificate = s.revocationData().get(i);
            // the first is the signer's, whose name is on the SIGNATURE line already
            out.println("    REVOCATION" + (i == 0 ? "" : " " + certificate.certificate()) + ": "
                    + LongTermText.revocation(certificate, locale, TIME));
        }
    }
}
