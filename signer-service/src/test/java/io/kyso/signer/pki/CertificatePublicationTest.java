package io.kyso.signer.pki;

import io.kyso.hsm.DigestAlgorithm;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.timestamping.TimestampClient;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every certificate the development CA issues says where a validator gets its issuer's
 * certificate, its OCSP answer and its CRL, under {@code kyso.public-url}, and those URLs serve
 * them: citizens', the seal's, the timestamping unit's, and the issuing CA's (issued by the root).
 */
@KysoService(reachable = true)
class CertificatePublicationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static KysoTestService kyso;
    private static String base;

    @BeforeAll
    static void start() {
        base = kyso.url("").toString();
    }

    @Test
    void shouldPointEveryEndEntityAtTheIssuingCaAndItsRevocationServices() throws Exception {
        X509Certificate citizen = certificateOf(kyso.enroll("Đặng Thai Mai", "079099005101", "+84901005101", null));
        X509Certificate seal = kyso.context().getBean(ServiceSeal.class).chain().get(0);
        X509Certificate unit = kyso.context().getBean(TimestampClient.class)
                .timestamp(DigestAlgorithm.SHA256, new byte[32]).tsaCertificate();
        X509Certificate issuing = kyso.caChain().get(0);

        for (X509Certificate certificate : List.of(citizen, seal, unit)) {
            assertEquals(Map.of("caIssuers", List.of(base + "/pki/issuing-ca.cer"), "ocsp", List.of(base + "/pki/ocsp")),
                    accessOf(certificate), certificate.getSubjectX500Principal().getName());
            assertEquals(List.of(base + "/pki/crl"), distributionPointsOf(certificate));
            certificate.verify(issuing.getPublicKey());
        }
        assertArrayEquals(issuing.getEncoded(), fetch(base + "/pki/issuing-ca.cer", "application/pkix-cert"));
    }

    @Test
    void shouldPointTheIssuingCaAtTheRootAndItsRevocationServices() throws Exception {
        X509Certificate issuing = kyso.caChain().get(0);
        X509Certificate root = kyso.rootCertificate();

        assertEquals(Map.of("caIssuers", List.of(base + "/pki/root-ca.cer"), "ocsp", List.of(base + "/pki/ocsp")),
                accessOf(issuing));
        assertEquals(List.of(base + "/pki/root-crl"), distributionPointsOf(issuing));
        assertArrayEquals(root.getEncoded(), fetch(base + "/pki/root-ca.cer", "application/pkix-cert"));
    }

    private static byte[] fetch(String url, String contentType) throws Exception {
        HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, answer.statusCode(), url);
        assertEquals(contentType, answer.headers().firstValue("content-type").orElse(""));
        return answer.body();
    }

    /** The Authority Information Access URLs by method. */
    private static Map<String, List<String>> accessOf(X509Certificate certificate) throws Exception {
        AuthorityInformationAccess aia = AuthorityInformationAccess.fromExtensions(
                new JcaX509CertificateHolder(certificate).getExtensions());
        return java.util.Arrays.stream(aia.getAccessDescriptions()).collect(Collectors.groupingBy(
                (AccessDescription d) -> d.getAccessMethod().equals(X509ObjectIdentifiers.id_ad_ocsp) ? "ocsp" : "caIssuers",
                Collectors.mapping(d -> ASN1IA5String.getInstance(d.getAccessLocation().getName()).getString(),
                        Collectors.toList())));
    }

    private static List<String> distributionPointsOf(X509Certificate certificate) throws Exception {
        CRLDistPoint points = CRLDistPoint.fromExtensions(new JcaX509CertificateHolder(certificate).getExtensions());
        return java.util.Arrays.stream(points.getDistributionPoints())
                .flatMap(p -> java.util.Arrays.stream(GeneralNames.getInstance(p.getDistributionPoint().getName()).getNames()))
                .map(n -> ASN1IA5String.getInstance(n.getName()).getString()).toList();
    }

    private static X509Certificate certificateOf(Map<String, Object> citizen) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(((String) citizen.get("certificate")).getBytes(StandardCharsets.US_ASCII)));
    }
}
