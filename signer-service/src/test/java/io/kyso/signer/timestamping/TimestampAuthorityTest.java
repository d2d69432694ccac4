package io.kyso.signer.timestamping;

import eu.europa.esig.dss.model.TimestampBinary;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import io.kyso.hsm.DigestAlgorithm;
import io.kyso.signer.pki.Pem;
import io.kyso.signer.testing.ExternalTools;
import io.kyso.signer.testing.KysoTestService;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kyso's development timestamping authority, on a running service with its key in SoftHSM2:
 * requests made by {@code openssl ts} are answered with tokens that {@code openssl ts -verify}
 * accepts under the development root, EU DSS's timestamp client accepts them, and requests that
 * cannot be honoured get the RFC's rejections.
 */
class TimestampAuthorityTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static KysoTestService kyso;
    private static Path work;

    @BeforeAll
    static void start() throws IOException {
        ExternalTools.ensureTool("openssl", "openssl");
        kyso = KysoTestService.startReachable(Map.of());
        work = Files.createTempDirectory(Path.of("target"), "tsa-");
        Files.writeString(work.resolve("root.pem"), Pem.certificate(kyso.rootCertificate()));
        Files.writeString(work.resolve("dossier.txt"), "Hồ sơ đăng ký hộ kinh doanh", StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        kyso.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256", "sha384", "sha512"})
    void shouldAnswerOpensslQueriesWithTokensOpensslVerifies(String hash) throws Exception {
        Path query = work.resolve(hash + ".tsq");
        Path reply = work.resolve(hash + ".tsr");
        openssl("ts", "-query", "-data", work.resolve("dossier.txt").toString(), "-" + hash, "-cert", "-out", query.toString());
        HttpResponse<byte[]> answer = post(Files.readAllBytes(query), "application/timestamp-query");
        assertEquals(200, answer.statusCode());
        assertEquals("application/timestamp-reply", answer.headers().firstValue("content-type").orElse(""));
        Files.write(reply, answer.body());

        String text = openssl("ts", "-reply", "-in", reply.toString(), "-text");
        assertTrue(text.contains("Status: Granted."), text);
        assertTrue(text.contains("Policy OID: 2.25.90132282173442218127183951214356970554"), text);
        assertTrue(text.contains("Accuracy: 0x01 seconds"), text);
        String queryText = openssl("ts", "-query", "-in", query.toString(), "-text");
        assertEquals(line(queryText, "Nonce:"), line(text, "Nonce:"), "the nonce is echoed");
        assertTrue(text.contains("TSA: DirName:/C=VN/O=Kyso (development only)/CN=Kyso Development Timestamping Unit"), text);

        String verified = openssl("ts", "-verify", "-in", reply.toString(), "-queryfile", query.toString(),
                "-CAfile", work.resolve("root.pem").toString());
        assertTrue(verified.contains("Verification: OK"), verified);
    }

    @Test
    void shouldLeaveCertificatesOutUnlessAskedFor() throws Exception {
        Path query = work.resolve("nocert.tsq");
        openssl("ts", "-query", "-data", work.resolve("dossier.txt").toString(), "-sha256", "-out", query.toString());
        TimeStampToken token = new TimeStampResponse(post(Files.readAllBytes(query), "application/timestamp-query").body())
                .getTimeStampToken();
        assertTrue(token.getCertificates().getMatches(null).isEmpty());

        Path withCert = work.resolve("cert.tsq");
        openssl("ts", "-query", "-data", work.resolve("dossier.txt").toString(), "-sha256", "-cert", "-out", withCert.toString());
        TimeStampToken certified = new TimeStampResponse(post(Files.readAllBytes(withCert), "application/timestamp-query").body())
                .getTimeStampToken();
        assertEquals(2, certified.getCertificates().getMatches(null).size(), "the unit's and the issuing CA's");
    }

    @Test
    void shouldRejectGarbageWithBadDataFormat() throws Exception {
        TimeStampResponse response = new TimeStampResponse(post("not a timestamp query".getBytes(StandardCharsets.UTF_8),
                "application/timestamp-query").body());
        assertEquals(PKIStatus.REJECTION, response.getStatus());
        assertEquals(PKIFailureInfo.badDataFormat, response.getFailInfo().intValue());
        assertEquals(null, response.getTimeStampToken());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha1", "md5"})
    void shouldRejectUnsupportedHashWithBadAlg(String hash) throws Exception {
        Path query = work.resolve(hash + ".tsq");
        openssl("ts", "-query", "-data", work.resolve("dossier.txt").toString(), "-" + hash, "-out", query.toString());
        TimeStampResponse response = new TimeStampResponse(post(Files.readAllBytes(query), "application/timestamp-query").body());
        assertEquals(PKIStatus.REJECTION, response.getStatus());
        assertEquals(PKIFailureInfo.badAlg, response.getFailInfo().intValue());
    }

    @Test
    void shouldRejectAnotherPolicyWithUnacceptedPolicy() throws Exception {
        Path query = work.resolve("policy.tsq");
        openssl("ts", "-query", "-data", work.resolve("dossier.txt").toString(), "-sha256", "-tspolicy", "1.2.3.4",
                "-out", query.toString());
        TimeStampResponse response = new TimeStampResponse(post(Files.readAllBytes(query), "application/timestamp-query").body());
        assertEquals(PKIStatus.REJECTION, response.getStatus());
        assertEquals(PKIFailureInfo.unacceptedPolicy, response.getFailInfo().intValue());
    }

    @Test
    void shouldRefuseAnotherContentType() throws Exception {
        Path query = work.resolve("type.tsq");
        openssl("ts", "-query", "-data", work.resolve("dossier.txt").toString(), "-sha256", "-out", query.toString());
        HttpResponse<byte[]> answer = post(Files.readAllBytes(query), "application/octet-stream");
        assertEquals(415, answer.statusCode());
        assertTrue(answer.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    void shouldGiveTheClientACheckedTokenOverTheDigest() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-512").digest("tài liệu".getBytes(StandardCharsets.UTF_8));
        Instant before = Instant.now().minusSeconds(1);
        TimestampToken token = kyso.context().getBean(TimestampClient.class).timestamp(DigestAlgorithm.SHA512, digest);

        TimeStampToken parsed = new TimeStampToken(new org.bouncycastle.cms.CMSSignedData(token.der()));
        assertArrayEquals(digest, parsed.getTimeStampInfo().getMessageImprintDigest());
        assertTrue(!token.genTime().isBefore(before) && !token.genTime().isAfter(Instant.now().plusSeconds(1)),
                "stamped now: " + token.genTime());
        assertEquals("CN=Kyso Development Timestamping Unit,O=Kyso (development only),C=VN",
                token.tsaCertificate().getSubjectX500Principal().getName());
        assertEquals(List.of("1.3.6.1.5.5.7.3.8"), token.tsaCertificate().getExtendedKeyUsage());
        assertTrue(token.tsaCertificate().getCriticalExtensionOIDs().contains("2.5.29.37"), "EKU critical");
        X509Certificate issuing = kyso.caChain().get(0);
        token.tsaCertificate().verify(issuing.getPublicKey());
    }

    @Test
    void shouldBeAcceptedByTheEuDssTimestampClient() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3});
        OnlineTSPSource dss = new OnlineTSPSource(kyso.url("/pki/tsa").toString());
        TimestampBinary binary = dss.getTimeStampResponse(eu.europa.esig.dss.enumerations.DigestAlgorithm.SHA256, digest);
        TimeStampToken token = new TimeStampToken(new org.bouncycastle.cms.CMSSignedData(binary.getBytes()));
        assertArrayEquals(digest, token.getTimeStampInfo().getMessageImprintDigest());
    }

    @Test
    void shouldNeverRepeatASerialNumberAcrossInstancesAndRestarts() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(new byte[] {7});
        Set<BigInteger> serials = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            serials.add(stampedSerial(kyso, digest));
        }
        try (KysoTestService sibling = kyso.sibling()) {
            for (int i = 0; i < 3; i++) {
                serials.add(stampedSerial(sibling, digest));
                serials.add(stampedSerial(kyso, digest));
            }
        }
        kyso = kyso.restartWith(Map.of("micronaut.server.port", kyso.url("").getPort()), Set.of()); // same public URL
        serials.add(stampedSerial(kyso, digest));
        assertEquals(10, serials.size(), "every token has its own serial: " + serials);
    }

    private static BigInteger stampedSerial(KysoTestService service, byte[] digest) throws Exception {
        org.bouncycastle.tsp.TimeStampRequest request = new org.bouncycastle.tsp.TimeStampRequestGenerator()
                .generate(org.bouncycastle.tsp.TSPAlgorithms.SHA256, digest, BigInteger.valueOf(System.nanoTime()));
        HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(service.url("/pki/tsa"))
                .header("Content-Type", "application/timestamp-query")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        TimeStampResponse response = new TimeStampResponse(answer.body());
        response.validate(request);
        assertNotNull(response.getTimeStampToken());
        return response.getTimeStampToken().getTimeStampInfo().getSerialNumber();
    }

    private static HttpResponse<byte[]> post(byte[] body, String contentType) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(kyso.url("/pki/tsa").toString()))
                .header("Content-Type", contentType).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String openssl(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        ExternalTools.Result result = ExternalTools.run(command);
        assertEquals(0, result.exitCode(), String.join(" ", command) + "\n" + result.output());
        return result.output();
    }

    private static String line(String text, String prefix) {
        return text.lines().map(String::strip).filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' in\n" + text));
    }
}
