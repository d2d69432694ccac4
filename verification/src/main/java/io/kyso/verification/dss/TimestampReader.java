package io.kyso.verification.dss;

import eu.europa.esig.dss.detailedreport.DetailedReport;
import eu.europa.esig.dss.detailedreport.jaxb.XmlProofOfExistence;
import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.diagnostic.TimestampWrapper;
import eu.europa.esig.dss.diagnostic.jaxb.XmlSignatureScope;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.validation.reports.Reports;
import io.kyso.verification.trust.TrustMaterial;
import io.kyso.verification.report.ProofOfExistence;
import io.kyso.verification.report.TimestampReport;
import io.kyso.verification.report.TimestampReport.Covers;
import io.kyso.verification.report.Verdict;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Reads what makes a signature long-term from DSS's reports: the baseline level it reaches, its
 * timestamps and the time DSS can prove it existed. Reads, never judges: validity is DSS's.
 */
final class TimestampReader {
    private static final String BASELINE = "_BASELINE_";

    private TimestampReader() {
    }

    /** B, T, LT or LTA from e.g. {@code PAdES_BASELINE_LTA}; null for a level outside the baseline profiles. */
    static String level(SignatureLevel format) {
        if (format == null) {
            return null;
        }
        int at = format.name().indexOf(BASELINE);
        return at < 0 ? null : format.name().substring(at + BASELINE.length());
    }

    /** DSS's best signature time, and the timestamp behind it (none: the validation time). */
    static ProofOfExistence proofOfExistence(DetailedReport detailed, String signatureId) {
        XmlProofOfExistence poe = detailed.getBestProofOfExistence(signatureId);
        return poe == null || poe.getTime() == null ? null
                : new ProofOfExistence(poe.getTime().toInstant(), poe.getTimestampId());
    }

    /** Every timestamp over the signature (its own, the document's, the archive's), oldest first. */
    static List<TimestampReport> timestamps(Reports reports, SignatureWrapper signature) {
        return signature.getTimestampList().stream()
                .sorted(Comparator.comparing(TimestampWrapper::getProductionTime,
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .map(timestamp -> read(reports, timestamp, signature.getId()))
                .toList();
    }

    private static TimestampReport read(Reports reports, TimestampWrapper timestamp, String signatureId) {
        String id = timestamp.getId();
        Indication indication = reports.getSimpleReport().getIndication(id);
        SubIndication sub = reports.getSimpleReport().getSubIndication(id);
        if (indication == null) {
            indication = reports.getDetailedReport().getBasicTimestampValidationIndication(id);
            sub = reports.getDetailedReport().getBasicTimestampValidationSubIndication(id);
        }
        boolean intact = timestamp.isMessageImprintDataFound() && timestamp.isMessageImprintDataIntact()
                && timestamp.isSignatureIntact() && timestamp.isSignatureValid();
        return new TimestampReport(id, timestamp.getType() == null ? null : timestamp.getType().name(),
                SignatureReader.instant(timestamp.getProductionTime()), authority(timestamp),
                indication == null ? Verdict.INDETERMINATE : SignatureReader.verdict(indication),
                indication == null ? null : indication.name(), sub == null ? null : sub.name(), intact,
                covers(timestamp, signatureId));
    }

    private static String authority(TimestampWrapper timestamp) {
        CertificateWrapper tsa = timestamp.getSigningCertificate();
        if (tsa != null && tsa.getBinaries() != null) {
            return CertificateNames.readable(TrustMaterial.certificate(tsa.getBinaries()).getSubjectX500Principal());
        }
        return timestamp.isTSAGeneralNamePresent() ? timestamp.getTSAGeneralNameValue() : null;
    }

    private static Covers covers(TimestampWrapper timestamp, String signatureId) {
        boolean signature = timestamp.getTimestampedSignatures().stream().anyMatch(s -> signatureId.equals(s.getId()));
        String scope = timestamp.getTimestampScopes().stream().map(XmlSignatureScope::getName)
                .filter(Objects::nonNull).findFirst().orElse(null);
        return new Covers(signature, !timestamp.getTimestampedSignedData().isEmpty(),
                timestamp.getTimestampedTimestamps().stream().map(TimestampWrapper::getId).toList(),
                timestamp.getTimestampedCertificates().size(), timestamp.getTimestampedRevocations().size(), scope);
    }
}
