package io.kyso.verification.dss;

import eu.europa.esig.dss.alert.SilentOnStatusAlert;
import eu.europa.esig.dss.cades.validation.CMSDocumentValidator;
import eu.europa.esig.dss.enumerations.TokenExtractionStrategy;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxDefaultObjectFactory;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import eu.europa.esig.dss.xades.validation.XMLDocumentValidator;
import io.kyso.verification.TrustMaterial;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * One run of EU DSS over one signed file, offline: the trust anchors and CRLs of a
 * {@link TrustMaterial} are the only trust and revocation data; no OCSP, no AIA, nothing fetched
 * from a certificate's CRL distribution point. Whatever is wrong with a signature ends in the
 * report, never in an exception (DSS's alerts are silenced).
 */
public final class DssRun {

    /** How DSS should read the file: chosen by content, never left to DSS's guessing for XML. */
    public enum Format { PDF, XML, CMS }

    private DssRun() {
    }

    /**
     * @param detachedContents the documents a detached signature may cover, each named as its reference names it
     * @param at               the validation time
     * @throws RuntimeException (DSS's {@code DSSException}, {@code IllegalInputException}) if the file
     *                          cannot be read as {@code format}
     */
    public static Reports validate(DSSDocument document, Format format, List<DSSDocument> detachedContents,
                                   TrustMaterial trust, Instant at, KysoPolicy policy) {
        SignedDocumentValidator validator = validatorFor(document, format);
        validator.setCertificateVerifier(certificateVerifier(trust));
        validator.setValidationTime(Date.from(at));
        // the certificates' bytes in the diagnostic data: the report reads names and serials from them
        validator.setTokenExtractionStrategy(TokenExtractionStrategy.EXTRACT_CERTIFICATES_ONLY);
        if (!detachedContents.isEmpty()) {
            validator.setDetachedContents(detachedContents);
        }
        return validator.validateDocument(format == Format.XML ? policy.xml() : policy.pdf());
    }

    private static SignedDocumentValidator validatorFor(DSSDocument document, Format format) {
        return switch (format) {
            case PDF -> {
                PDFDocumentValidator pdf = new PDFDocumentValidator(document);
                // PDFBox explicitly: its renderer is what finds visual differences
                pdf.setPdfObjFactory(new PdfBoxDefaultObjectFactory());
                yield pdf;
            }
            // the XML validator directly: DSS's format sniffing does not recognise UTF-16 documents
            case XML -> new XMLDocumentValidator(document);
            case CMS -> new CMSDocumentValidator(document);
        };
    }

    private static CommonCertificateVerifier certificateVerifier(TrustMaterial trust) {
        CommonTrustedCertificateSource anchors = new CommonTrustedCertificateSource();
        trust.anchors().forEach(anchor -> anchors.addCertificate(new CertificateToken(anchor)));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(anchors);
        verifier.setCrlSource(new ExternalResourcesCRLSource(trust.crls().stream()
                .map(crl -> new InMemoryDocument(crl, "revocation.crl")).toArray(DSSDocument[]::new)));
        verifier.setOcspSource(null);
        verifier.setAIASource(null);
        SilentOnStatusAlert silent = new SilentOnStatusAlert();
        verifier.setAlertOnMissingRevocationData(silent);
        verifier.setAlertOnRevokedCertificate(silent);
        verifier.setAlertOnInvalidSignature(silent);
        verifier.setAlertOnInvalidTimestamp(silent);
        verifier.setAlertOnExpiredCertificate(silent);
        verifier.setAlertOnNotYetValidCertificate(silent);
        verifier.setAlertOnNoRevocationAfterBestSignatureTime(silent);
        verifier.setAlertOnUncoveredPOE(silent);
        return verifier;
    }
}
