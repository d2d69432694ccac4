package io.kyso.verification.dss;

import eu.europa.esig.dss.alert.SilentOnStatusAlert;
import eu.europa.esig.dss.cades.validation.CMSDocumentValidator;
import eu.europa.esig.dss.enumerations.TokenExtractionStrategy;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.model.x509.revocation.crl.CRL;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxDefaultObjectFactory;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.CompositeRevocationSource;
import eu.europa.esig.dss.spi.x509.revocation.RevocationSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import eu.europa.esig.dss.xades.validation.XMLDocumentValidator;
import io.kyso.verification.trust.TrustMaterial;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of EU DSS over one signed file. Offline by default: the trust anchors and CRLs of a
 * {@link TrustMaterial} and what the file carries are the only trust and revocation data; no OCSP, no
 * AIA, nothing fetched from a certificate's CRL distribution point. Given {@link OnlineSources}, DSS
 * may also fetch OCSP responses, CRLs and missing issuers over HTTP (the given CRLs are still tried
 * first). Whatever is wrong with a signature ends in the report, never in an exception (DSS's alerts
 * are silenced).
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
        return validate(document, format, detachedContents, trust, null, at, policy);
    }

    /** As the offline {@code validate}, allowing DSS to fetch through {@code online}, unless it is null. */
    public static Reports validate(DSSDocument document, Format format, List<DSSDocument> detachedContents,
                                   TrustMaterial trust, OnlineSources online, Instant at, KysoPolicy policy) {
        SignedDocumentValidator validator = validatorFor(document, format);
        validator.setCertificateVerifier(certificateVerifier(trust, online));
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

    private static CommonCertificateVerifier certificateVerifier(TrustMaterial trust, OnlineSources online) {
        CommonTrustedCertificateSource anchors = new CommonTrustedCertificateSource();
        trust.anchors().forEach(anchor -> anchors.addCertificate(new CertificateToken(anchor)));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(anchors);
        RevocationSource<CRL> given = new ExternalResourcesCRLSource(trust.crls().stream()
                .map(crl -> new InMemoryDocument(crl, "revocation.crl")).toArray(DSSDocument[]::new));
        if (online == null) {
            verifier.setCrlSource(given);
            verifier.setOcspSource(null);
            verifier.setAIASource(null);
        } else {
            Map<String, RevocationSource<CRL>> crls = new LinkedHashMap<>();
            crls.put("given", given);
            crls.put("online", online.crl());
            CompositeRevocationSource<CRL> composite = new CompositeRevocationSource<>();
            composite.setSources(crls);
            verifier.setCrlSource(composite);
            verifier.setOcspSource(online.ocsp());
            verifier.setAIASource(online.aia());
        }
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
