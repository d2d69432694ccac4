package io.kyso.verification.dss;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SubIndication;
import io.kyso.verification.report.CertificateRevocation;
import io.kyso.verification.report.Finding;
import io.kyso.verification.report.PdfChanges;
import io.kyso.verification.report.RevocationSource;
import io.kyso.verification.report.SignatureReport.Coverage;
import io.kyso.verification.report.SignatureReport.Revocation;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Says in plain words why DSS reached its indication, for an officer who does not read ETSI
 * sub-indications. DSS's own indication and messages stay in the report beside it.
 */
final class Reasons {

    private Reasons() {
    }

    /** What the reason may draw on besides the indication. */
    record Facts(Revocation revocation, Coverage coverage, PdfChanges changes, boolean ambiguousReferences,
                 List<String> errors, List<CertificateRevocation> chainRevocation) {
    }

    static Finding explain(Indication indication, SubIndication sub, Facts facts) {
        List<String> errors = facts.errors();
        if (indication == Indication.TOTAL_PASSED) {
            return Finding.of("signature.valid");
        }
        if (sub == null) {
            return Finding.of("signature.other", indication, "-", firstOf(errors));
        }
        return switch (sub) {
            case FORMAT_FAILURE -> formatFailure(facts);
            case HASH_FAILURE -> Finding.of("signature.hash_failure");
            case SIG_CRYPTO_FAILURE -> Finding.of("signature.crypto_failure");
            case REVOKED, REVOKED_NO_POE, REVOKED_CA_NO_POE -> Finding.of("signature.revoked",
                    facts.revocation().revokedAt() == null ? "?"
                            : DateTimeFormatter.ISO_INSTANT.format(facts.revocation().revokedAt()));
            case NO_CERTIFICATE_CHAIN_FOUND, NO_CERTIFICATE_CHAIN_FOUND_NO_POE -> Finding.of("signature.untrusted");
            case SIGNED_DATA_NOT_FOUND -> Finding.of("signature.signed_data_not_found");
            case TRY_LATER -> Finding.of("signature.no_revocation_data");
            case CERTIFICATE_CHAIN_GENERAL_FAILURE -> chainFailure(indication, sub, facts);
            case OUT_OF_BOUNDS_NO_POE, OUT_OF_BOUNDS_NOT_REVOKED, EXPIRED, NOT_YET_VALID ->
                    Finding.of("signature.certificate_out_of_validity");
            case NO_SIGNING_CERTIFICATE_FOUND -> Finding.of("signature.no_signing_certificate");
            case CRYPTO_CONSTRAINTS_FAILURE, CRYPTO_CONSTRAINTS_FAILURE_NO_POE -> Finding.of("signature.crypto_constraints");
            default -> Finding.of("signature.other", indication, sub, firstOf(errors));
        };
    }

    /**
     * DSS says a chain is inconclusive when a certificate has no revocation data (a B-B or B-T
     * signature verified without CRLs, offline): name that certificate.
     */
    private static Finding chainFailure(Indication indication, SubIndication sub, Facts facts) {
        List<CertificateRevocation> missing = facts.chainRevocation().stream()
                .filter(c -> c.source() == RevocationSource.NONE).toList();
        if (missing.isEmpty()) {
            return Finding.of("signature.other", indication, sub, firstOf(facts.errors()));
        }
        if (missing.get(0) == facts.chainRevocation().get(0)) {
            return Finding.of("signature.no_revocation_data");
        }
        return Finding.of("signature.no_revocation_data_chain", missing.get(0).certificate());
    }

    /** DSS's FORMAT_FAILURE covers many checks: name the one that matters to a reader. */
    private static Finding formatFailure(Facts facts) {
        PdfChanges changes = facts.changes();
        if (facts.ambiguousReferences()) {
            return Finding.of("signature.ambiguous_reference");
        }
        if (changes != null) {
            if (!changes.byteRangeValid()) {
                return Finding.of("signature.byte_range_invalid");
            }
            if (!changes.pageDifferencePages().isEmpty()) {
                return Finding.of("signature.pages_changed", pageList(changes.pageDifferencePages()));
            }
            if (!changes.visualDifferencePages().isEmpty()) {
                return Finding.of("signature.visual_change", pageList(changes.visualDifferencePages()));
            }
            if (!changes.signatureDictionaryConsistent()) {
                return Finding.of("signature.dictionary_altered");
            }
        }
        Coverage coverage = facts.coverage();
        if (changes == null && !"FULL".equals(coverage.type())) {
            return Finding.of("signature.partial_coverage", coverage.description() == null ? "-" : coverage.description());
        }
        return Finding.of("signature.format_failure", firstOf(facts.errors()));
    }

    static String pageList(List<Integer> pages) {
        return pages.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String firstOf(List<String> errors) {
        return errors.isEmpty() ? "-" : errors.get(0);
    }
}
