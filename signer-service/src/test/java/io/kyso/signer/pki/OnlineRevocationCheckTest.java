package io.kyso.signer.pki;

import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import eu.europa.esig.dss.alert.SilentOnStatusAlert;
import eu.europa.esig.dss.diagnostic.CertificateRevocationWrapper;
import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.enumerations.CertificateStatus;
import eu.europa.esig.dss.enumerations.RevocationType;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.http.commons.CommonsDataLoader;
import eu.europa.esig.dss.service.http.commons.OCSPDataLoader;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.validation.CertificateValidator;
import eu.europa.esig.dss.validation.reports.CertificateReports;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A validator that holds nothing but a citizen's certificate and the development root: EU DSS
 * fetches the issuing CA through the certificate's caIssuers, then its OCSP answer or its CRL,
 * online from the running service, and reports it good, then revoked once the portal revoked it.
 * Kyso's own fetcher (for long-term signatures) sees the same.
 */
@KysoService(reachable = true)
class OnlineRevocationCheckTest {
    private static KysoTestService kyso;

    @Test
    void shouldBeReportedGoodThenRevokedByEuDssOverOcsp() throws Exception {
        Map<String, Object> enrolled = kyso.enroll("Nguyễn Văn Cừ", "079099004101", "+84901004101", null);
        X509Certificate citizen = certificateOf(enrolled);

        CertificateRevocationWrapper good = dssRevocation(citizen, RevocationType.OCSP);
        assertEquals(CertificateStatus.GOOD, good.getStatus());

        kyso.post("/api/v1/citizens/" + enrolled.get("id") + "/revocation", Map.of("reason", "KEY_COMPROMISE"));
        CertificateRevocationWrapper revoked = dssRevocation(citizen, RevocationType.OCSP);
        assertEquals(CertificateStatus.REVOKED, revoked.getStatus());
        assertEquals(eu.europa.esig.dss.enumerations.RevocationReason.KEY_COMPROMISE, revoked.getReason());
    }

    @Test
    void shouldBeReportedGoodThenRevokedByEuDssOverTheCrl() throws Exception {
        Map<String, Object> enrolled = kyso.enroll("Lê Hồng Phong", "079099004102", "+84901004102", null);
        X509Certificate citizen = certificateOf(enrolled);

        assertEquals(CertificateStatus.GOOD, dssRevocation(citizen, RevocationType.CRL).getStatus());

        kyso.post("/api/v1/citizens/" + enrolled.get("id") + "/revocation", Map.of("reason", "CESSATION_OF_OPERATION"));
        CertificateRevocationWrapper revoked = dssRevocation(citizen, RevocationType.CRL);
        assertEquals(CertificateStatus.REVOKED, revoked.getStatus());
        assertEquals(eu.europa.esig.dss.enumerations.RevocationReason.CESSATION_OF_OPERATION, revoked.getReason());
    }

    @Test
    void shouldFetchCheckedRevocationDataForTheWholeChain() throws Exception {
        Map<String, Object> enrolled = kyso.enroll("Hà Huy Tập", "079099004103", "+84901004103", null);
        List<X509Certificate> chain = chainOf(certificateOf(enrolled));
        RevocationDataFetcher fetcher = kyso.context().getBean(RevocationDataFetcher.class);

        List<RevocationEvidence> before = fetcher.forChain(chain);
        assertEquals(2, before.size(), "the citizen and the issuing CA; the root is the anchor");
        before.forEach(e -> assertEquals(RevocationEvidence.Source.OCSP, e.source()));
        before.forEach(e -> assertEquals(RevocationEvidence.State.GOOD, e.state()));

        kyso.post("/api/v1/citizens/" + enrolled.get("id") + "/revocation", Map.of("reason", "SUPERSEDED"));
        assertEquals(RevocationEvidence.State.REVOKED, fetcher.forChain(chain).get(0).state());
        RevocationEvidence crl = kyso.context().getBean(CrlClient.class).check(chain.get(0), chain.get(1));
        assertEquals(RevocationEvidence.State.REVOKED, crl.state());
    }

    @Test
    void shouldReportRevocationDataUnavailableWhenTheServicesAreDown() throws Exception {
        try (KysoTestService other = KysoTestService.startReachable(Map.of())) {
            List<X509Certificate> chain = chainOf(certificateOf(other.enroll("Ngô Gia Tự", "079099004104", "+84901004104",
                    null)), other.caChain());
            other.close();
            RevocationDataException e = assertThrows(RevocationDataException.Unavailable.class,
                    () -> kyso.context().getBean(RevocationDataFetcher.class).forChain(chain));
            assertEquals("revocation_data.unavailable", e.problem().code());
            assertEquals(1, e.getSuppressed().length, "the OCSP failure is kept beside the CRL's");
        }
    }

    /** What EU DSS, fetching online with only {@code source}, says of the certificate's revocation. */
    private static CertificateRevocationWrapper dssRevocation(X509Certificate certificate, RevocationType source) {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(kyso.rootCertificate()));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setAIASource(new DefaultAIASource(new CommonsDataLoader()));
        verifier.setOcspSource(source == RevocationType.OCSP ? new OnlineOCSPSource(new OCSPDataLoader()) : null);
        verifier.setCrlSource(source == RevocationType.CRL ? new OnlineCRLSource(new CommonsDataLoader()) : null);
        verifier.setAlertOnMissingRevocationData(new SilentOnStatusAlert());
        verifier.setAlertOnRevokedCertificate(new SilentOnStatusAlert());
        CertificateValidator validator = CertificateValidator.fromCertificate(new CertificateToken(certificate));
        validator.setCertificateVerifier(verifier);
        CertificateReports reports = validator.validate();

        assertEquals(3, reports.getSimpleReport().getCertificateIds().size(),
                "the chain up to the root, the issuing CA fetched through caIssuers");
        DiagnosticData diagnostic = reports.getDiagnosticData();
        CertificateWrapper wrapper = diagnostic.getUsedCertificates().stream()
                .filter(c -> c.getSerialNumber().equals(certificate.getSerialNumber().toString()))
                .findFirst().orElseThrow();
        List<CertificateRevocationWrapper> data = wrapper.getCertificateRevocationData();
        assertFalse(data.isEmpty(), "revocation data was fetched");
        data.forEach(r -> assertEquals(source, r.getRevocationType()));
        return data.get(0);
    }

    private static List<X509Certificate> chainOf(X509Certificate citizen) {
        return chainOf(citizen, kyso.caChain());
    }

    private static List<X509Certificate> chainOf(X509Certificate citizen, List<X509Certificate> ca) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(citizen), ca.stream()).toList();
    }

    private static X509Certificate certificateOf(Map<String, Object> citizen) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(((String) citizen.get("certificate")).getBytes(StandardCharsets.US_ASCII)));
    }
}
