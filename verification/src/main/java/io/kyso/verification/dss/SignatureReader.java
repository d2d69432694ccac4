package io.kyso.verification.dss;

import eu.europa.esig.dss.diagnostic.CertificateRevocationWrapper;
import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.PDFRevisionWrapper;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.diagnostic.jaxb.XmlDigestMatcher;
import eu.europa.esig.dss.diagnostic.jaxb.XmlObjectModification;
import eu.europa.esig.dss.diagnostic.jaxb.XmlSignatureScope;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureScopeType;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.validation.reports.Reports;
import io.kyso.verification.trust.TrustMaterial;
import io.kyso.verification.report.CertificateRevocation;
import io.kyso.verification.report.PdfChanges;
import io.kyso.verification.report.RevocationSource;
import io.kyso.verification.report.SignatureReport;
import io.kyso.verification.report.SignatureReport.Chain;
import io.kyso.verification.report.SignatureReport.Coverage;
import io.kyso.verification.report.SignatureReport.Revocation;
import io.kyso.verification.report.SignatureReport.Signer;
import io.kyso.verification.report.Verdict;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns DSS's reports on one signature into a {@link SignatureReport}: reads, never judges. The
 * verdict is DSS's indication under {@link KysoPolicy}; the plain-words reason comes from {@link Reasons}.
 */
public final class SignatureReader {

    private SignatureReader() {
    }

    /** @param dossierNames names of the dossier's files, to name what a detached signature covers */
    public static SignatureReport read(Reports reports, String id, Set<String> dossierNames) {
        SimpleReport simple = reports.getSimpleReport();
        SignatureWrapper signature = reports.getDiagnosticData().getSignatureById(id);
        Indication indication = simple.getIndication(id);
        SubIndication sub = simple.getSubIndication(id);
        CertificateWrapper signing = signature.getSigningCertificate();
        List<CertificateRevocation> revocationData = RevocationReader.read(reports.getDetailedReport(), signature);
        Revocation revocation = revocation(signing, signingCertificateSource(signing, revocationData));
        Coverage coverage = coverage(signature.getSignatureScopes(), dossierNames);
        PdfChanges changes = pdfChanges(signature.getPDFRevision());
        List<String> errors = messages(simple.getAdESValidationErrors(id));
        boolean ambiguous = signature.getDigestMatchers().stream().anyMatch(XmlDigestMatcher::isDuplicated);
        return new SignatureReport(id, signer(signing), claimedTime(signature, changes),
                String.valueOf(simple.getSignatureFormat(id)), verdict(indication),
                Reasons.explain(indication, sub, new Reasons.Facts(revocation, coverage, changes, ambiguous, errors,
                        revocationData)),
                String.valueOf(indication), sub == null ? null : sub.name(), intact(signature),
                chain(signature), revocation, coverage, changes, errors,
                messages(simple.getAdESValidationWarnings(id)), TimestampReader.level(simple.getSignatureFormat(id)),
                TimestampReader.proofOfExistence(reports.getDetailedReport(), id),
                TimestampReader.timestamps(reports, signature), revocationData);
    }

    static Verdict verdict(Indication indication) {
        if (indication == Indication.TOTAL_PASSED || indication == Indication.PASSED) {
            return Verdict.VALID;
        }
        return indication == Indication.TOTAL_FAILED || indication == Indication.FAILED
                ? Verdict.INVALID : Verdict.INDETERMINATE;
    }

    /**
     * A PAdES signature's claimed time is the dictionary's /M. If the dictionary was rewritten after
     * signing, /M is whatever the rewriter chose: never show it as the signer's.
     */
    private static Instant claimedTime(SignatureWrapper signature, PdfChanges changes) {
        if (changes != null && !changes.signatureDictionaryConsistent()) {
            return null;
        }
        return instant(signature.getClaimedSigningTime());
    }

    private static Signer signer(CertificateWrapper signing) {
        if (signing == null) {
            return null;
        }
        X509Certificate certificate = TrustMaterial.certificate(signing.getBinaries());
        return new Signer(CertificateNames.commonName(certificate), CertificateNames.nationalId(certificate),
                certificate.getSerialNumber().toString(16),
                CertificateNames.readable(certificate.getIssuerX500Principal()));
    }

    /** The signature value and every signed reference are found and untouched. */
    private static boolean intact(SignatureWrapper signature) {
        List<XmlDigestMatcher> references = signature.getDigestMatchers();
        return signature.isSignatureIntact() && signature.isSignatureValid()
                && references.stream().allMatch(r -> r.isDataFound() && r.isDataIntact());
    }

    private static Chain chain(SignatureWrapper signature) {
        List<CertificateWrapper> chain = signature.getCertificateChain();
        String anchor = chain.stream().filter(CertificateWrapper::isTrusted).findFirst()
                .map(c -> subject(c)).orElse(null);
        return new Chain(signature.isTrustedChain(), anchor, chain.stream().map(SignatureReader::subject).toList());
    }

    private static Revocation revocation(CertificateWrapper signing, RevocationSource source) {
        if (signing == null) {
            return new Revocation("NOT_CHECKED", null, null, RevocationSource.NONE);
        }
        List<CertificateRevocationWrapper> data = signing.getCertificateRevocationData();
        return data.stream().filter(CertificateRevocationWrapper::isRevoked)
                .min(Comparator.comparing(CertificateRevocationWrapper::getRevocationDate))
                .map(r -> new Revocation("REVOKED", instant(r.getRevocationDate()),
                        r.getReason() == null ? null : r.getReason().name(), source))
                .orElseGet(() -> new Revocation(data.isEmpty() ? "UNKNOWN" : "GOOD", null, null, source));
    }

    /** The signing certificate is the chain's first; a trusted signing certificate is not checked. */
    private static RevocationSource signingCertificateSource(CertificateWrapper signing, List<CertificateRevocation> chain) {
        if (signing == null || chain.isEmpty()) {
            return RevocationSource.NONE;
        }
        String serial = TrustMaterial.certificate(signing.getBinaries()).getSerialNumber().toString(16);
        CertificateRevocation first = chain.get(0);
        return first.serial().equals(serial) ? first.source() : RevocationSource.NONE;
    }

    private static Coverage coverage(List<XmlSignatureScope> scopes, Set<String> dossierNames) {
        XmlSignatureScope widest = scopes.stream()
                .min(Comparator.comparing(s -> s.getScope() == SignatureScopeType.FULL ? 0 : 1)).orElse(null);
        List<String> detached = scopes.stream().map(XmlSignatureScope::getName)
                .filter(Objects::nonNull).filter(dossierNames::contains).distinct().toList();
        return widest == null ? new Coverage("NONE", null, detached)
                : new Coverage(widest.getScope().name(), widest.getName(), detached);
    }

    private static PdfChanges pdfChanges(PDFRevisionWrapper revision) {
        if (revision == null) {
            return null;
        }
        List<String> annotations = changes(revision.getPdfAnnotationChanges());
        List<String> undefined = changes(revision.getPdfUndefinedChanges());
        boolean consistent = revision.isPdfSignatureDictionaryConsistent();
        // a later signature or a filled-in form field is how PDFs are meant to grow: not a change of content
        boolean changed = revision.arePdfModificationsDetected() || !annotations.isEmpty() || !undefined.isEmpty()
                || !consistent;
        return new PdfChanges(changed, pages(revision.getPdfVisualDifferenceConcernedPages()),
                pages(revision.getPdfPageDifferenceConcernedPages()),
                pages(revision.getPdfAnnotationsOverlapConcernedPages()), annotations,
                changes(revision.getPdfSignatureOrFormFillChanges()), undefined, consistent,
                revision.isSignatureByteRangeValid());
    }

    private static List<Integer> pages(Collection<BigInteger> pages) {
        return pages == null ? List.of() : pages.stream().map(BigInteger::intValueExact).sorted().toList();
    }

    /** "ADDITION /Annots (page 2)"-like lines: what changed, never the content itself. */
    private static List<String> changes(List<XmlObjectModification> modifications) {
        return modifications == null ? List.of() : modifications.stream()
                .map(m -> (m.getAction() == null ? "" : m.getAction().name() + " ") + Objects.toString(m.getValue(), "")
                        + (m.getFieldName() == null ? "" : " (field " + m.getFieldName() + ")"))
                .map(String::trim).distinct().toList();
    }

    private static List<String> messages(List<Message> messages) {
        return messages.stream().map(Message::getValue).distinct().toList();
    }

    private static String subject(CertificateWrapper certificate) {
        return CertificateNames.readable(TrustMaterial.certificate(certificate.getBinaries()).getSubjectX500Principal());
    }

    static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
