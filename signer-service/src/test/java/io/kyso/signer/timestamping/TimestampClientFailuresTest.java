package io.kyso.signer.timestamping;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.kyso.hsm.DigestAlgorithm;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.tsp.MessageImprint;
import org.bouncycastle.asn1.tsp.TSTInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The timestamp client against authorities that misbehave, played by an HTTP server in this test:
 * down, too slow, HTTP errors, garbage, rejections, and replies that are genuine tokens but not for
 * this request. Each is a typed failure, never a token.
 */
class TimestampClientFailuresTest {
    private static final byte[] DIGEST = sha256("hồ sơ");
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void shouldAcceptAGenuineTokenFromAWellBehavedAuthority() {
        SoftwareTsa tsa = SoftwareTsa.create(true);
        TimestampToken token = client(serve(exchange -> reply(exchange, 200, TimestampClient.REPLY,
                tsa.grant(request(exchange))))).timestamp(DigestAlgorithm.SHA256, DIGEST);
        assertEquals(tsa.certificate(), token.tsaCertificate());
    }

    @Test
    void shouldReportAnAuthorityThatIsDownAsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        TimestampClient client = client(URI.create("http://127.0.0.1:" + closedPort + "/tsa"));
        TimestampException e = assertThrows(TimestampException.Unavailable.class,
                () -> client.timestamp(DigestAlgorithm.SHA256, DIGEST));
        assertEquals("timestamp.unavailable", e.problem().code());
        assertEquals(503, e.problem().status());
        assertEquals(30L, e.problem().retryAfterSeconds());
    }

    @Test
    void shouldReportAnAuthorityTooSlowToAnswerAsUnavailable() {
        URI url = serve(exchange -> {
            awaitRelease();
            reply(exchange, 200, TimestampClient.REPLY, new byte[0]);
        });
        assertThrows(TimestampException.Unavailable.class, () -> client(url).timestamp(DigestAlgorithm.SHA256, DIGEST));
    }

    @Test
    void shouldReportAnAuthorityThatStopsMidAnswerAsUnavailable() {
        URI url = serve(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", TimestampClient.REPLY);
            exchange.sendResponseHeaders(200, 4096);
            exchange.getResponseBody().write(new byte[] {0x30, (byte) 0x82});
            exchange.getResponseBody().flush();
            awaitRelease();
        });
        assertThrows(TimestampException.Unavailable.class, () -> client(url).timestamp(DigestAlgorithm.SHA256, DIGEST));
    }

    @Test
    void shouldReportServerErrorsAsUnavailable() {
        URI url = serve(exchange -> reply(exchange, 503, "text/plain", "maintenance".getBytes()));
        assertThrows(TimestampException.Unavailable.class, () -> client(url).timestamp(DigestAlgorithm.SHA256, DIGEST));
    }

    @Test
    void shouldReportGarbageAsInvalid() {
        URI url = serve(exchange -> reply(exchange, 200, TimestampClient.REPLY, "<html>hello</html>".getBytes()));
        TimestampException e = assertThrows(TimestampException.Invalid.class,
                () -> client(url).timestamp(DigestAlgorithm.SHA256, DIGEST));
        assertEquals("timestamp.invalid", e.problem().code());
        assertEquals(502, e.problem().status());
    }

    @Test
    void shouldReportAnotherContentTypeAsInvalid() {
        SoftwareTsa tsa = SoftwareTsa.create(true);
        URI url = serve(exchange -> reply(exchange, 200, "text/html", tsa.grant(request(exchange))));
        assertThrows(TimestampException.Invalid.class, () -> client(url).timestamp(DigestAlgorithm.SHA256, DIGEST));
    }

    @Test
    void shouldReportARejectionAsInvalidAndASystemFailureAsUnavailable() {
        URI badAlg = serve(exchange -> reply(exchange, 200, TimestampClient.REPLY,
                SoftwareTsa.fail(PKIFailureInfo.badAlg)));
        assertThrows(TimestampException.Invalid.class, () -> client(badAlg).timestamp(DigestAlgorithm.SHA256, DIGEST));
        server.stop(0);
        URI systemFailure = serve(exchange -> reply(exchange, 200, TimestampClient.REPLY,
                SoftwareTsa.fail(PKIFailureInfo.systemFailure)));
        assertThrows(TimestampException.Unavailable.class,
                () -> client(systemFailure).timestamp(DigestAlgorithm.SHA256, DIGEST));
    }

    @Test
    void shouldRefuseAGenuineTokenMadeForAnotherRequest() {
        SoftwareTsa tsa = SoftwareTsa.create(true);
        AtomicReference<byte[]> first = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger();
        URI url = serve(exchange -> {
            byte[] answer = tsa.grant(request(exchange));
            first.compareAndSet(null, answer);
            calls.incrementAndGet();
            reply(exchange, 200, TimestampClient.REPLY, first.get()); // replays the first token
        });
        TimestampClient client = client(url);
        client.timestamp(DigestAlgorithm.SHA256, DIGEST);
        TimestampException e = assertThrows(TimestampException.Invalid.class,
                () -> client.timestamp(DigestAlgorithm.SHA256, DIGEST));
        assertTrue(e.problem().detail().contains("does not answer this request"), e.problem().detail());
        assertEquals(2, calls.get());
    }

    @Test
    void shouldRefuseATokenSignedByACertificateWithoutTheTimestampingUsage() {
        SoftwareTsa impostor = SoftwareTsa.create(false);
        URI url = serve(exchange -> reply(exchange, 200, TimestampClient.REPLY, impostor.forge(request(exchange))));
        TimestampException e = assertThrows(TimestampException.Invalid.class,
                () -> client(url).timestamp(DigestAlgorithm.SHA256, DIGEST));
        assertTrue(e.problem().detail().contains("does not verify"), e.problem().detail());
    }

    // ---- the stage ---------------------------------------------------------------------------

    private URI serve(HttpHandler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/tsa", handler);
            server.start();
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TimestampClient client(URI url) {
        return new TimestampClient(new TimestampingConfiguration(url, Duration.ofSeconds(2), Duration.ofMillis(500),
                null, null, null));
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static TimeStampRequest request(HttpExchange exchange) throws IOException {
        return new TimeStampRequest(exchange.getRequestBody().readAllBytes());
    }

    private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A timestamping authority with its key in software, its certificate self-issued. */
    private record SoftwareTsa(KeyPair key, X509Certificate certificate) {

        static SoftwareTsa create(boolean timestampingUsage) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair key = generator.generateKeyPair();
                X500Name name = new X500Name("CN=Test TSA,C=VN");
                JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.TEN,
                        Date.from(Instant.now().minusSeconds(300)), Date.from(Instant.now().plusSeconds(3600)), name,
                        key.getPublic());
                builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(timestampingUsage
                        ? KeyPurposeId.id_kp_timeStamping : KeyPurposeId.id_kp_codeSigning));
                X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
                return new SoftwareTsa(key, new JcaX509CertificateConverter().getCertificate(holder));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** A granted reply, made by Bouncy Castle's generator (which insists on the timestamping usage). */
        byte[] grant(TimeStampRequest request) throws IOException {
            try {
                TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
                        .build("SHA256withECDSA", key.getPrivate(), certificate),
                        new JcaDigestCalculatorProviderBuilder().build().get(
                                new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                        new ASN1ObjectIdentifier("1.2.3.4.5"));
                tokens.addCertificates(new JcaCertStore(java.util.List.of(certificate)));
                return new TimeStampResponseGenerator(tokens, Set.of(TSPAlgorithms.SHA256))
                        .generateGrantedResponse(request, BigInteger.valueOf(System.nanoTime()), new Date()).getEncoded();
            } catch (Exception e) {
                throw new IOException(e);
            }
        }

        /**
         * A granted reply assembled by hand, for a certificate Bouncy Castle's generator would refuse:
         * a well-formed token for this request, signed and bound to the certificate (ESS v2).
         */
        byte[] forge(TimeStampRequest request) throws IOException {
            try {
                TSTInfo info = new TSTInfo(new ASN1ObjectIdentifier("1.2.3.4.5"), new MessageImprint(
                        new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), request.getMessageImprintDigest()),
                        new ASN1Integer(1), new ASN1GeneralizedTime(new Date()), null, null,
                        new ASN1Integer(request.getNonce()), null, null);
                Attribute binding = new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(
                        new SigningCertificateV2(new ESSCertIDv2(MessageDigest.getInstance("SHA-256")
                                .digest(certificate.getEncoded())))));
                CMSSignedDataGenerator cms = new CMSSignedDataGenerator();
                cms.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
                        .setSignedAttributeGenerator(new AttributeTable(new DERSet(binding)))
                        .build("SHA256withECDSA", key.getPrivate(), certificate));
                cms.addCertificates(new JcaCertStore(java.util.List.of(certificate)));
                CMSSignedData token = cms.generate(new CMSProcessableByteArray(PKCSObjectIdentifiers.id_ct_TSTInfo,
                        info.getEncoded(ASN1Encoding.DER)), true);
                return new TimeStampResp(new PKIStatusInfo(PKIStatus.granted), token.toASN1Structure()).getEncoded();
            } catch (Exception e) {
                throw new IOException(e);
            }
        }

        static byte[] fail(int failure) throws IOException {
            try {
                return new TimeStampResponseGenerator(null, Set.of()).generateFailResponse(PKIStatus.REJECTION, failure,
                        "refused").getEncoded();
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }
}
