package io.kyso.signer.verification;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import eu.europa.esig.dss.xades.reference.CanonicalizationTransform;
import eu.europa.esig.dss.xades.reference.DSSReference;
import eu.europa.esig.dss.xades.signature.XAdESService;
import io.kyso.signer.testing.TestPki;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.List;

/**
 * An enveloped XAdES-BASELINE-B, made with EU DSS and a software key, whose only data reference is
 * {@code #payload}: one element, not the document. A reader of the document processes its root, so
 * whatever sits outside the payload is unsigned: the shape of a signature-wrapping attack.
 */
final class WrappedXades {
    private WrappedXades() {
    }

    static byte[] signPayloadOnly(TestPki.SoftwareSigner signer, String xml) {
        try {
            DSSDocument document = new InMemoryDocument(xml.getBytes(StandardCharsets.UTF_8), "ho-so.xml");
            XAdESSignatureParameters parameters = new XAdESSignatureParameters();
            parameters.setSignatureLevel(SignatureLevel.XAdES_BASELINE_B);
            parameters.setSignaturePackaging(SignaturePackaging.ENVELOPED);
            parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
            parameters.setSigningCertificate(new CertificateToken(signer.certificate()));
            parameters.setCertificateChain(signer.chain().stream().map(CertificateToken::new).toList());
            DSSReference payload = new DSSReference();
            payload.setId("r-payload");
            payload.setUri("#payload");
            payload.setContents(document);
            payload.setDigestMethodAlgorithm(DigestAlgorithm.SHA256);
            payload.setTransforms(List.of(new CanonicalizationTransform(
                    "http://www.w3.org/2001/10/xml-exc-c14n#")));
            parameters.setReferences(List.of(payload));
            XAdESService service = new XAdESService(new CommonCertificateVerifier());
            ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(signer.privateKey());
            ecdsa.update(toBeSigned.getBytes());
            SignatureValue value = new SignatureValue(SignatureAlgorithm.ECDSA_SHA256, ecdsa.sign());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            service.signDocument(document, parameters, value).writeTo(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the payload-only XAdES", e);
        }
    }
}
