package io.kyso.verification.report;

import io.kyso.verification.report.CertificateRevocation.Datum;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The plain words for what makes a signature long-term (level, proof of existence, timestamps, where
 * revocation data came from, what was fetched), in English or Vietnamese. The service's page and PDF
 * and the command line all say it with these, each formatting times its own way.
 */
public final class LongTermText {

    private LongTermText() {
    }

    /** E.g. "LTA: long-term, with an archive timestamp". */
    public static String level(String level, Locale locale) {
        return Messages.text(level == null ? "label.level.none" : "label.level." + level, locale);
    }

    public static String proofOfExistence(ProofOfExistence poe, Locale locale, Function<Instant, String> time) {
        String code = poe.timestampId() == null ? "label.proofOfExistence.validationTime" : "label.proofOfExistence.timestamp";
        return Messages.format(code, List.of(time.apply(poe.time())), locale);
    }

    /** E.g. "signature timestamp, 2026-…Z, by CN=TSA; covers the signature — VALID". */
    public static String timestamp(TimestampReport t, Locale locale, Function<Instant, String> time) {
        String type = t.type() == null ? "?" : named("label.timestamp.type." + t.type(), t.type(), locale);
        String authority = t.authority() == null ? Messages.text("label.timestamp.authority.unknown", locale) : t.authority();
        return Messages.format("label.timestamp.text", List.of(type,
                t.productionTime() == null ? "?" : time.apply(t.productionTime()), authority, covers(t.covers(), locale),
                Messages.text("label.verdict." + t.result().name(), locale)), locale);
    }

    /** E.g. "embedded in the signed file (the PDF's DSS dictionary): OCSP response issued …, not revoked". */
    public static String revocation(CertificateRevocation certificate, Locale locale, Function<Instant, String> time) {
        List<Datum> relevant = certificate.data().stream().filter(d -> d.source() == certificate.source()).toList();
        Datum shown = relevant.stream().filter(Datum::used).findFirst()
                .orElse(relevant.isEmpty() ? null : relevant.get(0));
        if (shown == null) {
            return Messages.text("label.revocationSource.NONE", locale);
        }
        String where = switch (shown.source()) {
            case EMBEDDED -> shown.embeddedIn().stream().map(o -> named("label.origin." + o, o, locale))
                    .collect(Collectors.joining(", "));
            case FETCHED -> shown.url();
            default -> "";
        };
        return Messages.format("label.revocationSource." + shown.source().name(), List.of(where, datum(shown, locale, time)),
                locale);
    }

    /** The dossier's network mode. */
    public static String fetching(boolean online, Locale locale) {
        return Messages.text(online ? "label.fetching.online" : "label.fetching.offline", locale);
    }

    /** E.g. "OCSP http://ocsp.example/ (answered)". */
    public static String fetch(Fetch fetch, Locale locale) {
        return Messages.format("label.fetched.item", List.of(fetch.kind(), fetch.url(),
                Messages.text("label.fetched." + fetch.succeeded(), locale)), locale);
    }

    private static String datum(Datum datum, Locale locale, Function<Instant, String> time) {
        String status = datum.status() == null ? "?" : named("label.certificateStatus." + datum.status(), datum.status(), locale);
        String type = datum.type() == null ? "?" : datum.type();
        return named("label.revocationDatum." + type, type, locale,
                datum.issuedAt() == null ? "?" : time.apply(datum.issuedAt()), status);
    }

    private static String covers(TimestampReport.Covers covers, Locale locale) {
        if (covers == null) {
            return Messages.text("label.covers.nothing", locale);
        }
        List<String> parts = new ArrayList<>();
        if (covers.signature()) {
            parts.add(Messages.text("label.covers.signature", locale));
        }
        if (covers.signedData()) {
            parts.add(Messages.text("label.covers.signedData", locale));
        }
        if (!covers.timestamps().isEmpty()) {
            parts.add(Messages.format("label.covers.timestamps", List.of(String.valueOf(covers.timestamps().size())), locale));
        }
        if (covers.certificates() > 0) {
            parts.add(Messages.format("label.covers.certificates", List.of(String.valueOf(covers.certificates())), locale));
        }
        if (covers.revocationData() > 0) {
            parts.add(Messages.format("label.covers.revocationData", List.of(String.valueOf(covers.revocationData())), locale));
        }
        return parts.isEmpty() ? Messages.text("label.covers.nothing", locale) : String.join(", ", parts);
    }

    /** A DSS name in words when the report's wording knows it, else the name itself (DSS may add new ones). */
    private static String named(String code, String fallback, Locale locale, String... args) {
        return Messages.has(code) ? Messages.format(code, List.of(args), locale) : fallback;
    }
}
