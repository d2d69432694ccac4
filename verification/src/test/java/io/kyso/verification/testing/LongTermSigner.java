package io.kyso.verification.testing;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.signature.AbstractSignatureParameters;
import eu.europa.esig.dss.signature.DocumentSignatureService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import eu.europa.esig.dss.xades.signature.XAdESService;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.List;

/**
 * Signs test documents with EU DSS itself at any baseline level, as the test PKI's citizen: the
 * timestamps come from the {@link RecordingTsa}, the revocation data of B-LT and B-LTA from the
 * {@link RevocationServer} over HTTP, as a signing service would get them.
 */
public final class LongTermSigner {
    /** The words on the signed PDF's page, as they appear in its (uncompressed) content. */
    public static final String PDF_TEXT = "Giay de nghi dang ky ho kinh doanh";
    /** The name in the signed XML's content. */
    public static final String XML_NAME = "Lê Thị Mai";
    private final RevocationServer server;
    private final RecordingTsa tsa;

    /** A signed file and the times of the timestamps the TSA issued for it, in order. */
    public record Signed(byte[] content, List<Instant> timestamps) {
    }

    public LongTermSigner(RevocationServer server) {
        this.server = server;
        this.tsa = new RecordingTsa(server.pki());
    }

    /** A one-page PDF signed at {@code level} (a PAdES baseline level). */
    public Signed pades(SignatureLevel level) {
        PAdESSignatureParameters parameters = new PAdESSignatureParameters();
        parameters.setReason("Đề nghị đăng ký hộ kinh doanh");
        PAdESService service = new PAdESService(certificateVerifier());
        service.setTspSource(tsa);
        return sign(service, new InMemoryDocument(pdf(), "don.pdf"), parameters, level);
    }

    /** A small XML declaration signed enveloped at {@code level} (a XAdES baseline level). */
    public Signed xades(SignatureLevel level) {
        XAdESSignatureParameters parameters = new XAdESSignatureParameters();
        parameters.setSignaturePackaging(SignaturePackaging.ENVELOPED);
        XAdESService service = new XAdESService(certificateVerifier());
        service.setTspSource(tsa);
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><toKhai><hoTen>" + XML_NAME + "</hoTen></toKhai>")
                .getBytes(StandardCharsets.UTF_8);
        return sign(service, new InMemoryDocument(xml, "to-khai.xml"), parameters, level);
    }

    private <P extends AbstractSignatureParameters<?>> Signed sign(DocumentSignatureService<P, ?> service,
                                                                  DSSDocument document, P parameters,
                                                                  SignatureLevel level) {
        TestPki pki = server.pki();
        parameters.setSignatureLevel(level);
        parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
        parameters.setSigningCertificate(new CertificateToken(pki.signer().certificate()));
        parameters.setCertificateChain(new CertificateToken(pki.issuing().certificate()),
                new CertificateToken(pki.root().certificate()));
        int before = tsa.issued().size();
        ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
        SignatureValue value = new SignatureValue(SignatureAlgorithm.RSA_SHA256, rsa(toBeSigned.getBytes()));
        DSSDocument signed = service.signDocument(document, parameters, value);
        List<Instant> issued = tsa.issued();
        try {
            return new Signed(signed.openStream().readAllBytes(), issued.subList(before, issued.size()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] rsa(byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(server.pki().signer().key());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The root is trusted; revocation data come from the certificates' addresses, over HTTP. */
    private CommonCertificateVerifier certificateVerifier() {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(server.pki().root().certificate()));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setOcspSource(new OnlineOCSPSource());
        verifier.setCrlSource(new OnlineCRLSource());
        return verifier;
    }

    static byte[] pdf() {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            // uncompressed, so a test can change a word of the signed content
            try (PDPageContentStream text = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.OVERWRITE,
                    false)) {
                text.beginText();
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                text.newLineAtOffset(72, 700);
                text.showText(PDF_TEXT);
                text.endText();
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
