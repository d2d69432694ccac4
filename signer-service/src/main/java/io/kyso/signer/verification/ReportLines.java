package io.kyso.signer.verification;

import io.kyso.verification.report.CertificateRevocation;
import io.kyso.verification.report.DossierReport;
import io.kyso.verification.report.FileReport;
import io.kyso.verification.report.LongTermText;
import io.kyso.verification.report.Messages;
import io.kyso.verification.report.PdfChanges;
import io.kyso.verification.report.SignatureReport;
import io.kyso.verification.report.TimestampReport;
import io.kyso.verification.report.Verdict;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What the report page and the report PDF say, in the reader's language, as label/value lines: both
 * renderings draw from here, so they cannot say different things.
 */
final class ReportLines {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss '(GMT+7)'")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    /** One label and its value. */
    record Line(String label, String value) {
    }

    private ReportLines() {
    }

    static String text(String code, Locale locale) {
        return Messages.text(code, locale);
    }

    static String verdict(Verdict verdict, Locale locale) {
        return text("label.verdict." + verdict.name(), locale);
    }

    static String status(FileReport.Status status, Locale locale) {
        return text("label.status." + status.name(), locale);
    }

    static List<Line> header(UUID id, DossierReport report, Locale locale) {
        return List.of(new Line(text("label.reference", locale), id.toString()),
                new Line(text("label.verifiedAt", locale), time(report.verifiedAt())),
                new Line(text("label.validator", locale), report.validator()),
                new Line(text("label.fetching", locale), LongTermText.fetching(report.online(), locale)));
    }

    static List<Line> file(FileReport file, Locale locale) {
        List<Line> lines = new ArrayList<>(List.of(new Line(text("label.sha256", locale), file.sha256()),
                new Line(text("label.result", locale), verdict(file.verdict(), locale) + " — " + file.reason().text(locale))));
        file.fetched().forEach(fetch -> lines.add(new Line(text("label.fetched", locale), LongTermText.fetch(fetch, locale))));
        return lines;
    }

    static List<Line> signature(SignatureReport s, Locale locale) {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(text("label.result", locale), verdict(s.result(), locale) + " — " + s.reason().text(locale)));
        if (s.signer() != null) {
            lines.add(new Line(text("label.signer", locale), s.signer().name()));
            if (s.signer().nationalId() != null) {
                lines.add(new Line(text("label.nationalId", locale), s.signer().nationalId()));
            }
            lines.add(new Line(text("label.serial", locale), s.signer().serial()));
            lines.add(new Line(text("label.issuer", locale), s.signer().issuer()));
        }
        lines.add(new Line(text("label.signingTime", locale), s.claimedSigningTime() == null ? "—" : time(s.claimedSigningTime())));
        lines.add(new Line(text("label.format", locale), s.format()));
        lines.addAll(levelAndProof(s, locale));
        lines.add(new Line(text("label.indication", locale),
                s.indication() + (s.subIndication() == null ? "" : " / " + s.subIndication())));
        lines.add(new Line(text("label.integrity", locale), text("label.integrity." + s.intact(), locale)));
        lines.add(new Line(text("label.trust", locale), s.chain().trusted()
                ? Messages.format("label.trust.true", List.of(s.chain().trustAnchor()), locale)
                : text("label.trust.false", locale)));
        lines.add(new Line(text("label.revocation", locale), revocation(s.revocation(), locale)));
        lines.addAll(longTerm(s, locale));
        lines.add(new Line(text("label.coverage", locale), coverage(s.coverage())));
        if (s.pdfChanges() != null) {
            lines.add(new Line(text("label.changes", locale), changes(s.pdfChanges(), locale)));
        }
        return lines;
    }

    /** The level reached and the time the signature is proven to exist, when the report has them. */
    private static List<Line> levelAndProof(SignatureReport s, Locale locale) {
        List<Line> lines = new ArrayList<>();
        if (s.level() != null) {
            lines.add(new Line(text("label.level", locale), LongTermText.level(s.level(), locale)));
        }
        if (s.proofOfExistence() != null) {
            lines.add(new Line(text("label.proofOfExistence", locale),
                    LongTermText.proofOfExistence(s.proofOfExistence(), locale, ReportLines::time)));
        }
        return lines;
    }

    /**
     * Every timestamp, and where each certificate's revocation data came from. A report stored before
     * these were recorded has neither, and shows neither.
     */
    private static List<Line> longTerm(SignatureReport s, Locale locale) {
        List<Line> lines = new ArrayList<>();
        int n = 1;
        for (TimestampReport timestamp : s.timestamps()) {
            lines.add(new Line(text("label.timestamp", locale) + " " + n++,
                    LongTermText.timestamp(timestamp, locale, ReportLines::time)));
        }
        if (s.timestamps().isEmpty() && s.level() != null) {
            lines.add(new Line(text("label.timestamp", locale), text("label.timestamps.none", locale)));
        }
        for (int i = 0; i < s.revocationData().size(); i++) {
            CertificateRevocation certificate = s.revocationData().get(i);
            String label = i == 0 ? text("label.revocationData", locale)
                    : Messages.format("label.revocationData.of", List.of(certificate.certificate()), locale);
            lines.add(new Line(label, LongTermText.revocation(certificate, locale, ReportLines::time)));
        }
        return lines;
    }

    private static String revocation(SignatureReport.Revocation revocation, Locale locale) {
        String code = "label.revocation." + revocation.status();
        return revocation.revokedAt() == null ? text(code, locale)
                : Messages.format(code, List.of(time(revocation.revokedAt())), locale);
    }

    private static String coverage(SignatureReport.Coverage coverage) {
        String what = coverage.description() == null ? coverage.type() : coverage.description() + " (" + coverage.type() + ")";
        return coverage.detachedFiles().isEmpty() ? what : what + ": " + String.join(", ", coverage.detachedFiles());
    }

    static String changes(PdfChanges changes, Locale locale) {
        List<String> parts = new ArrayList<>();
        addPages(parts, "label.changes.visual", changes.visualDifferencePages(), locale);
        addPages(parts, "label.changes.pages", changes.pageDifferencePages(), locale);
        addPages(parts, "label.changes.overlap", changes.annotationOverlapPages(), locale);
        addList(parts, "label.changes.annotations", changes.annotationChanges(), locale);
        addList(parts, "label.changes.other", changes.otherChanges(), locale);
        if (!changes.signatureDictionaryConsistent()) {
            parts.add(text("label.changes.dictionary", locale));
        }
        addList(parts, "label.changes.signatures", changes.signatureOrFormFill(), locale);
        return parts.isEmpty() ? text("label.changes.none", locale) : String.join("; ", parts);
    }

    private static void addPages(List<String> parts, String code, List<Integer> pages, Locale locale) {
        if (!pages.isEmpty()) {
            String list = pages.stream().map(String::valueOf).collect(Collectors.joining(", "));
            parts.add(Messages.format(code, List.of(list), locale));
        }
    }

    private static void addList(List<String> parts, String code, List<String> items, Locale locale) {
        if (!items.isEmpty()) {
            parts.add(Messages.format(code, List.of(String.valueOf(items.size())), locale));
        }
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }
}
