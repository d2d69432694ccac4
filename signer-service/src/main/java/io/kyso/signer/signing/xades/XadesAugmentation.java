package io.kyso.signer.signing.xades;

import eu.europa.esig.dss.alert.LogOnStatusAlert;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonCertificateSource;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import eu.europa.esig.dss.xades.signature.XAdESService;
import io.kyso.hsm.DigestAlgorithm;
import io.kyso.signer.signing.LongTermSources;
import io.kyso.signer.signing.SignatureLevel;
import io.kyso.signer.signing.Timestamp;
import io.kyso.signer.xml.SafeXml;
import org.apache.xml.security.utils.Constants;
import org.slf4j.event.Level;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Takes a XAdES signature Kyso made to a higher level with EU DSS's XAdES augmentation, the
 * reference implementation of EN 319 132-1: B-T adds a SignatureTimeStamp over the signature value;
 * B-LT adds CertificateValues and RevocationValues (the signer's and the timestamping unit's
 * chains, each certificate's OCSP answer or CRL); B-LTA adds the validation data of the timestamps
 * and an ArchiveTimeStamp over all of it; an LTA signature taken to LTA again gets the validation
 * data of its timestamps and another ArchiveTimeStamp (renewal). Timestamps and revocation data come from Kyso's own sources.
 *
 * <p>DSS writes the whole document anew; only the signature element is taken from its output, so
 * the caller can put it into the original's unchanged bytes again.
 */
final class XadesAugmentation {
    private final LongTermSources sources;

    XadesAugmentation(LongTermSources sources) {
        this.sources = sources;
    }

    /** The signature element as DSS left it (its markup, standalone) and the newest timestamp it carries. */
    record Augmented(String signatureMarkup, Timestamp newestTimestamp) {
    }

    /**
     * @param signed      the document holding the signature (enveloped), or the signature file (detached)
     * @param detached    the document a detached signature covers; null if enveloped
     * @param signatureId the ds:Signature's Id
     * @param known       certificates DSS may use to complete chains (the signer's chain)
     */
    Augmented augment(Path signed, DetachedOriginal detached, String signatureId, SignatureLevel level,
                      DigestAlgorithm timestampDigest, List<X509Certificate> known, Path workDir)
            throws IOException, GeneralSecurityException {
        DssSources dss = new DssSources(sources);
        XAdESService service = new XAdESService(verifier(dss, known));
        service.setTspSource(dss);
        DSSDocument extended;
        try {
            extended = service.extendDocument(new FileDocument(signed.toFile()), parameters(level, detached, timestampDigest));
        } catch (RuntimeException e) {
            throw failure(e, level);
        }
        Path out = Files.createTempFile(workDir, "xades-", ".xml");
        try {
            try (InputStream in = extended.openStream()) {
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            }
            String markup = XadesSigner.markupOf(signatureIn(SafeXml.parse(out), signatureId));
            Timestamp newest = dss.newestTimestamp().orElseThrow(() ->
                    new SignatureException("EU DSS took the signature to " + level + " without a timestamp"));
            return new Augmented(markup, newest);
        } catch (SAXException e) {
            throw new SignatureException("EU DSS wrote XML that does not parse", e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * Collects validation data whatever the trust: the signer does not judge trust, its relying
     * parties do. Nothing is fetched but through Kyso's sources; the chain is completed from
     * {@code known}.
     */
    private static CommonCertificateVerifier verifier(DssSources dss, List<X509Certificate> known) {
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setOcspSource(dss);
        verifier.setCrlSource(dss.crls());
        verifier.setAIASource(null);
        CommonCertificateSource chain = new CommonCertificateSource();
        known.forEach(c -> chain.addCertificate(new CertificateToken(c)));
        verifier.setAdjunctCertSources(chain);
        verifier.setCheckRevocationForUntrustedChains(true);
        verifier.setAlertOnNoRevocationAfterBestSignatureTime(new LogOnStatusAlert(Level.DEBUG));
        verifier.setAlertOnUncoveredPOE(new LogOnStatusAlert(Level.DEBUG));
        return verifier;
    }

    private static XAdESSignatureParameters parameters(SignatureLevel level, DetachedOriginal detached,
                                                       DigestAlgorithm timestampDigest) {
        XAdESSignatureParameters parameters = new XAdESSignatureParameters();
        eu.europa.esig.dss.enumerations.DigestAlgorithm digest =
                eu.europa.esig.dss.enumerations.DigestAlgorithm.valueOf(timestampDigest.name());
        parameters.getSignatureTimestampParameters().setDigestAlgorithm(digest);
        parameters.getArchiveTimestampParameters().setDigestAlgorithm(digest);
        parameters.setSignatureLevel(switch (level) {
            case B_B -> throw new IllegalArgumentException("B-B needs no augmentation");
            case B_T -> eu.europa.esig.dss.enumerations.SignatureLevel.XAdES_BASELINE_T;
            case B_LT -> eu.europa.esig.dss.enumerations.SignatureLevel.XAdES_BASELINE_LT;
            case B_LTA -> eu.europa.esig.dss.enumerations.SignatureLevel.XAdES_BASELINE_LTA;
        });
        parameters.setSignaturePackaging(detached == null ? SignaturePackaging.ENVELOPED : SignaturePackaging.DETACHED);
        if (detached != null) {
            FileDocument original = new FileDocument(detached.file().toFile());
            original.setName(detached.name()); // DSS finds a detached document by the name its reference gives
            parameters.setDetachedContents(List.of(original));
        }
        return parameters;
    }

    private static Element signatureIn(Document doc, String signatureId) throws SignatureException {
        NodeList signatures = doc.getElementsByTagNameNS(Constants.SignatureSpecNS, Constants._TAG_SIGNATURE);
        for (int i = 0; i < signatures.getLength(); i++) {
            Element signature = (Element) signatures.item(i);
            if (signatureId.equals(signature.getAttribute("Id"))) {
                return signature;
            }
        }
        throw new SignatureException("EU DSS's output has no signature " + signatureId);
    }

    /** DSS's failure, or a source's that DSS may have wrapped, as the cause of a signing failure. */
    private static SignatureException failure(RuntimeException e, SignatureLevel level) {
        return new SignatureException("EU DSS could not take the XAdES signature to " + level + ": " + e.getMessage(), e);
    }
}
