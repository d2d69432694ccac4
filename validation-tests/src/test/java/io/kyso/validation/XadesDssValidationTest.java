package io.kyso.validation;

import eu.europa.esig.dss.alert.SilentOnStatusAlert;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.xades.validation.XMLDocumentValidator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EU DSS 6.3 (default validation policy, offline, the case's trust anchor and CRL only) on every
 * XAdES output signer-service's tests handed over: each valid one TOTAL_PASSED as XAdES-BASELINE-B,
 * each tampered one TOTAL_FAILED.
 */
class XadesDssValidationTest {

    @TestFactory
    Stream<DynamicTest> shouldGiveEveryHandedOverSignatureTheExpectedVerdict() throws IOException {
        List<XadesHandoffCase> cases = XadesHandoffCase.all();
        assertTrue(cases.stream().anyMatch(c -> c.expectedIndication().equals("TOTAL_PASSED")), cases::toString);
        assertTrue(cases.stream().anyMatch(c -> c.expectedIndication().equals("TOTAL_FAILED")), cases::toString);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> assertVerdict(c)));
    }

    /** The reason for this module: DSS 6.3 on Santuario 4 fails with NoSuchMethodError. */
    @Test
    void shouldRunDssOnTheSantuarioItWasBuiltFor() throws IOException {
        Properties pom = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/maven/org.apache.santuario/xmlsec/pom.properties")) {
            assertTrue(in != null, "xmlsec is not on the class path");
            pom.load(in);
        }
        assertEquals("3.0.6", pom.getProperty("version"));
    }

    private static void assertVerdict(XadesHandoffCase c) {
        SimpleReport report = validate(c);
        String summary = summary(c, report);
        assertFalse(report.getSignatureIdList().isEmpty(), summary);
        for (String id : report.getSignatureIdList()) {
            assertEquals(c.expectedIndication(), String.valueOf(report.getIndication(id)), summary);
            if (c.expectedIndication().equals("TOTAL_PASSED")) {
                assertEquals("XAdES-BASELINE-B", String.valueOf(report.getSignatureFormat(id)), summary);
            }
        }
    }

    private static String summary(XadesHandoffCase c, SimpleReport report) {
        StringBuilder summary = new StringBuilder(c.toString());
        for (String id : report.getSignatureIdList()) {
            summary.append("\n  ").append(id).append(": ").append(report.getIndication(id)).append('/')
                    .append(report.getSubIndication(id)).append(' ').append(report.getSignatureFormat(id))
                    .append(", errors ").append(report.getAdESValidationErrors(id).stream().map(Message::getValue).toList());
        }
        return summary.toString();
    }

    private static SimpleReport validate(XadesHandoffCase c) {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(c.trustAnchor()));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setCrlSource(new ExternalResourcesCRLSource(new InMemoryDocument(c.crl(), "ca.crl")));
        verifier.setOcspSource(null); // nothing online: no OCSP, no AIA, no CRL distribution point
        verifier.setAIASource(null);
        // a report, never an exception, whatever is wrong with the signature
        verifier.setAlertOnMissingRevocationData(new SilentOnStatusAlert());
        verifier.setAlertOnRevokedCertificate(new SilentOnStatusAlert());
        verifier.setAlertOnInvalidSignature(new SilentOnStatusAlert());
        verifier.setAlertOnExpiredCertificate(new SilentOnStatusAlert());
        verifier.setAlertOnNotYetValidCertificate(new SilentOnStatusAlert());

        // the XML validator directly: DSS's format sniffing does not recognise UTF-16 documents
        SignedDocumentValidator validator = new XMLDocumentValidator(new FileDocument(c.signed().toFile()));
        validator.setCertificateVerifier(verifier);
        if (!c.detachedContents().isEmpty()) {
            validator.setDetachedContents(c.detachedContents());
        }
        return validator.validateDocument().getSimpleReport();
    }
}
