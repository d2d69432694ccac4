package io.kyso.signer.testing;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.layout.Document;
import com.itextpdf.layout.element.Paragraph;
import com.itextpdf.signatures.PdfPadesSigner;
import com.itextpdf.signatures.SignerProperties;
import io.kyso.signer.testing.IndependentValidators.DssVerdict;
import io.kyso.signer.testing.IndependentValidators.SignatureVerdict;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Self-test of {@link IndependentValidators} with a software PKI; needs no HSM. */
class IndependentValidatorsTest {
    private static final String TAMPER_MARKER = "Kyso independent validators self-test";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static KeyPair rootKey;
    private static X509Certificate root;
    private static KeyPair citizenKey;
    private static X509Certificate citizen;

    @BeforeAll
    static void createPki() throws Exception {
        Instant now = Instant.now();
        X500Name rootName = name("VN", null, "Kyso Test Root CA");
        rootKey = ecKey();
        root = certificate(rootName, rootKey, rootName, rootKey, now, Duration.ofDays(3650), true);
        citizenKey = ecKey();
        citizen = certificate(name("VN", "CCCD:001234567890", "Nguyễn Thị Hồng Nhung"), citizenKey,
                rootName, rootKey, now, Duration.ofDays(365), false);
    }

    @Test
    void shouldReportPadesBaselineBValidUnderTrustedRootAndCrl() throws Exception {
        byte[] signed = sign(samplePdf());
        byte[] crl = crl(Instant.now());

        DssVerdict verdict = IndependentValidators.validatePdfWithDss(signed, root, crl);

        assertEquals(1, verdict.signatures().size(), verdict::summary);
        SignatureVerdict signature = verdict.signatures().get(0);
        assertEquals("TOTAL_PASSED", signature.indication(), verdict::summary);
        assertEquals("PAdES-BASELINE-B", signature.signatureFormat(), verdict::summary);
        assertTrue(signature.signedBy().contains("Nguyễn Thị Hồng Nhung"), verdict::summary);
        IndependentValidators.assertPadesBaselineBValid(signed, root, crl);
    }

    @Test
    void shouldReportSignatureValidWithPdfsig() throws Exception {
        IndependentValidators.assertPdfsigValid(sign(samplePdf()));
    }

    @Test
    void shouldRejectPdfChangedInsideSignedByteRange() throws Exception {
        byte[] signed = sign(samplePdf());
        byte[] tampered = changeInsideSignedByteRange(signed);
        byte[] crl = crl(Instant.now());

        IndependentValidators.assertDssRejects(tampered, root, crl);
        IndependentValidators.assertPdfsigInvalid(tampered);
    }

    @Test
    void shouldNotPassWhenSigningCertificateIsRevoked() throws Exception {
        byte[] signed = sign(samplePdf());
        byte[] crl = crl(Instant.now(), citizen.getSerialNumber());

        DssVerdict verdict = IndependentValidators.validatePdfWithDss(signed, root, crl);

        // without a timestamp there is no proof the signature predates the revocation
        assertEquals(1, verdict.signatures().size(), verdict::summary);
        assertEquals("INDETERMINATE", verdict.signatures().get(0).indication(), verdict::summary);
        assertEquals("REVOKED_NO_POE", verdict.signatures().get(0).subIndication(), verdict::summary);
    }

    /** DSS default policy, Revocation/RevocationAfterCertificateIssuance: thisUpdate >= the certificate's notBefore. */
    @Test
    void shouldBeIndeterminateWhenCrlPredatesCertificateNotBefore() throws Exception {
        byte[] signed = sign(samplePdf());
        byte[] crl = crl(citizen.getNotBefore().toInstant().minusSeconds(60));

        DssVerdict verdict = IndependentValidators.validatePdfWithDss(signed, root, crl);

        assertEquals("INDETERMINATE", verdict.signatures().get(0).indication(), verdict::summary);
        assertEquals("CERTIFICATE_CHAIN_GENERAL_FAILURE", verdict.signatures().get(0).subIndication(),
                verdict::summary);
        assertTrue(verdict.signatures().get(0).errors().stream()
                .anyMatch(e -> e.contains("issued before the certificate's issuance time")), verdict::summary);
    }

    /** Freshness against the signing time is not checked by the default policy (RevocationFreshness IGNORE). */
    @Test
    void shouldPassWithCrlIssuedBeforeSigningButAfterCertificateNotBefore() throws Exception {
        byte[] crl = crl(citizen.getNotBefore().toInstant().plusSeconds(1));

        IndependentValidators.assertPadesBaselineBValid(sign(samplePdf()), root, crl);
    }

    private static byte[] samplePdf() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PdfDocument pdf = new PdfDocument(new PdfWriter(out));
             Document doc = new Document(pdf)) {
            pdf.getDocumentInfo().setTitle(TAMPER_MARKER);
            doc.add(new Paragraph("Don dang ky ho kinh doanh"));
        }
        return out.toByteArray();
    }

    private static byte[] sign(byte[] pdf) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PdfPadesSigner(new PdfReader(new ByteArrayInputStream(pdf)), out).signWithBaselineBProfile(
                new SignerProperties().setFieldName("Sig1"), new Certificate[] {citizen, root}, citizenKey.getPrivate());
        return out.toByteArray();
    }

    /** Changes one letter of the document title, checking that it lies inside the signed byte ranges. */
    private static byte[] changeInsideSignedByteRange(byte[] signed) {
        String latin1 = new String(signed, StandardCharsets.ISO_8859_1);
        Matcher range = Pattern.compile("/ByteRange\\s*\\[\\s*(\\d+) (\\d+) (\\d+) (\\d+)").matcher(latin1);
        assertTrue(range.find(), "no /ByteRange");
        long[] r = IntStream.rangeClosed(1, 4).mapToLong(i -> Long.parseLong(range.group(i))).toArray();
        int title = latin1.indexOf(TAMPER_MARKER);
        assertTrue(title >= r[0] && title < r[0] + r[1] || title >= r[2] && title < r[2] + r[3],
                "title at " + title + " is outside the byte ranges " + Arrays.toString(r));
        byte[] tampered = Arrays.copyOf(signed, signed.length);
        tampered[title] ^= 0x20; // 'K' -> 'k'
        return tampered;
    }

    private static byte[] crl(Instant thisUpdate, BigInteger... revoked) throws Exception {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(name("VN", null, "Kyso Test Root CA"), Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(thisUpdate.plus(Duration.ofDays(1))));
        for (BigInteger serial : revoked) {
            builder.addCRLEntry(serial, Date.from(thisUpdate.minusSeconds(60)), CRLReason.keyCompromise);
        }
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(root));
        builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(thisUpdate.toEpochMilli())));
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKey.getPrivate())).getEncoded();
    }

    private static X509Certificate certificate(X500Name subject, KeyPair subjectKey, X500Name issuer, KeyPair issuerKey,
                                               Instant now, Duration validity, boolean ca) throws Exception {
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, RANDOM).setBit(126),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), subject,
                subjectKey.getPublic());
        builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey.getPublic()));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                ext.createAuthorityKeyIdentifier(issuerKey.getPublic()));
        builder.addExtension(Extension.basicConstraints, true, ca ? new BasicConstraints(0) : new BasicConstraints(false));
        if (ca) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            GeneralNames url = new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, "http://localhost:1/pki/crl"));
            builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                    new DistributionPoint(new DistributionPointName(url), null, null)}));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
    }

    private static X500Name name(String country, String uid, String commonName) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, country);
        if (uid != null) {
            builder.addRDN(BCStyle.UID, uid);
        }
        return builder.addRDN(BCStyle.CN, commonName).build();
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
