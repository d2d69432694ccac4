package io.kyso.signer.guide;

import com.sun.net.httpserver.HttpServer;
import io.kyso.client.Citizen;
import io.kyso.client.CredentialStatus;
import io.kyso.client.DocumentOptions;
import io.kyso.client.DocumentOptions.Corner;
import io.kyso.client.DocumentOptions.VisibleSignature;
import io.kyso.client.DocumentUpload;
import io.kyso.client.EnrollCitizen;
import io.kyso.client.KysoApiException;
import io.kyso.client.KysoClient;
import io.kyso.client.KysoConfig;
import io.kyso.client.NewSigningRequest;
import io.kyso.client.RequestStatus;
import io.kyso.client.SigningRequest;
import io.kyso.client.webhook.WebhookEvent;
import io.kyso.client.webhook.WebhookVerificationException;
import io.kyso.client.webhook.WebhookVerifier;
import io.kyso.signer.testing.IndependentValidators;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.Repository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The portal developer's guide, {@code docs/portal-integration.md}, as code that runs: a citizen's
 * dossier goes from upload to signed files on disk, the portal's webhook endpoint verifies Kyso's
 * callback. The regions between {@code tag::name[]} and {@code end::name[]} are the guide's
 * snippets; {@link PortalIntegrationGuideSnippetsTest} fails if the guide differs from them.
 */
class PortalIntegrationGuideTest {
    private static KysoTestService service;
    private static HttpServer portal;
    private static final BlockingQueue<WebhookEvent> EVENTS = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws IOException {
        service = KysoTestService.start();
        portal = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        listenForKyso(portal, KysoTestService.WEBHOOK_SECRET);
        portal.start();
    }

    @AfterAll
    static void stop() {
        portal.stop(0);
        service.close();
    }

    /** The portal's webhook endpoint. */
    static void listenForKyso(HttpServer server, String webhookSecret) {
        // tag::webhook[]
        WebhookVerifier verifier = WebhookVerifier.of(webhookSecret);
        server.createContext("/kyso/events", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();   // the raw bytes: they are what is signed
            try {
                WebhookEvent event = verifier.verify(
                        exchange.getRequestHeaders().getFirst(WebhookVerifier.SIGNATURE_HEADER), body);
                EVENTS.add(event);                                    // handle it idempotently: it may come twice
                exchange.sendResponseHeaders(204, -1);                // any 2xx: delivered, no more retries
            } catch (WebhookVerificationException e) {
                exchange.sendResponseHeaders(400, -1);                // not from Kyso, or too old
            }
            exchange.close();
        });
        // end::webhook[]
    }

    @Test
    void shouldTakeACitizensDossierFromUploadToSignedFilesOnDisk() throws Exception {
        URI kysoUrl = service.url("");
        String apiKey = KysoTestService.API_KEY;
        URI callbackUrl = URI.create("http://127.0.0.1:" + portal.getAddress().getPort() + "/kyso/events");
        Path dossier = Repository.copyExamples(Files.createTempDirectory(Path.of("target"), "dossier-"));
        Path signedFolder = Files.createTempDirectory(Path.of("target"), "signed-");

        // tag::client[]
        KysoClient kyso = KysoClient.create(KysoConfig.builder()
                .baseUrl(kysoUrl)                 // or leave out: KYSO_URL
                .apiKey(apiKey)                   // or leave out: KYSO_API_KEY
                .build());
        // end::client[]

        // tag::enroll[]
        Citizen citizen = kyso.citizens().enroll(
                EnrollCitizen.of("001099012345", "Nguyễn Thị Hồng Nhung", "+84912345678"));
        // end::enroll[]
        assertEquals(CredentialStatus.PENDING_ACTIVATION, citizen.credentialStatus());

        // tag::activate[]
        sendTheCitizenTo(citizen.activationUrl());     // your page redirects their browser to Kyso's activation page
        // … the citizen types the code Kyso texted them; from then on:
        boolean canSign = kyso.citizens().get(citizen.id()).credentialStatus() == CredentialStatus.ACTIVE;
        // end::activate[]
        assertTrue(canSign);

        // tag::request[]
        SigningRequest request = kyso.signingRequests().create(
                NewSigningRequest.builder(citizen.id(), "Hồ sơ đăng ký hộ kinh doanh")
                        .document(DocumentUpload.of(dossier.resolve("giay-de-nghi.pdf")), DocumentOptions.builder()
                                .reason("Đề nghị đăng ký hộ kinh doanh")
                                .location("Hà Nội")
                                .visibleSignature(VisibleSignature.at(Corner.BOTTOM_RIGHT))
                                .build())
                        .document(DocumentUpload.of(dossier.resolve("to-khai.xml")))
                        .callbackUrl(callbackUrl)
                        .build());
        // end::request[]
        assertEquals(RequestStatus.AWAITING_CONFIRMATION, request.status());
        assertEquals(2, request.documents().size());

        String codeTheCitizenTyped = service.latestCode("+84912345678");
        // tag::confirm[]
        SigningRequest confirmed = kyso.signingRequests().confirm(request.id(), codeTheCitizenTyped);
        // end::confirm[]
        assertEquals(RequestStatus.SIGNED, confirmed.status());

        WebhookEvent event = EVENTS.poll(30, TimeUnit.SECONDS);
        assertNotNull(event, "the portal was called back");
        assertEquals(request.id(), event.requestId());
        assertEquals(RequestStatus.SIGNED, event.status());

        // tag::download[]
        SigningRequest done = kyso.signingRequests().awaitFinalState(request.id(), Duration.ofMinutes(10));
        List<Path> signedFiles = kyso.signingRequests().downloadSignedDocuments(done, signedFolder);
        // end::download[]

        assertEquals(List.of(signedFolder.resolve("giay-de-nghi-signed.pdf"), signedFolder.resolve("to-khai-signed.xml")),
                signedFiles);
        IndependentValidators.assertPadesLtValid(Files.readAllBytes(signedFiles.get(0)),
                service.rootCertificate(), service.crl(), service.rootCrl());
        IndependentValidators.assertPdfsigValid(Files.readAllBytes(signedFiles.get(0)));
        IndependentValidators.assertXmlsec1Valid(signedFiles.get(1), service.rootCertificate());
    }

    /** The README's sample: the whole path in a dozen lines, polling instead of a webhook. */
    @Test
    void shouldSignADossierInADozenLines() throws Exception {
        URI kysoUrl = service.url("");
        String apiKey = KysoTestService.API_KEY;
        Path dossier = Repository.copyExamples(Files.createTempDirectory(Path.of("target"), "dossier-"));
        Path signedFolder = Files.createTempDirectory(Path.of("target"), "signed-");

        // tag::readme[]
        KysoClient kyso = KysoClient.create(KysoConfig.builder().baseUrl(kysoUrl).apiKey(apiKey).build());
        Citizen citizen = kyso.citizens().enroll(EnrollCitizen.of("001099012347", "Lê Thị Mai", "+84912345670"));
        sendTheCitizenTo(citizen.activationUrl());  // once: the citizen activates it with the code Kyso texts them
        SigningRequest request = kyso.signingRequests().create(
                NewSigningRequest.builder(citizen.id(), "Hồ sơ đăng ký hộ kinh doanh")
                        .document(DocumentUpload.of(dossier.resolve("giay-de-nghi.pdf")))
                        .build());
        kyso.signingRequests().confirm(request.id(), codeTypedBy(citizen));  // or on the phone: confirmationUrl()
        SigningRequest done = kyso.signingRequests().awaitFinalState(request.id(), Duration.ofMinutes(10));
        List<Path> signed = kyso.signingRequests().downloadSignedDocuments(done, signedFolder);
        // end::readme[]

        assertEquals(RequestStatus.SIGNED, done.status());
        assertEquals(List.of(signedFolder.resolve("giay-de-nghi-signed.pdf")), signed);
        IndependentValidators.assertPdfsigValid(Files.readAllBytes(signed.get(0)));
    }

    /** The phones of this guide's citizens, whose messages the development outbox holds. */
    private static final List<String> PHONES = List.of("+84912345678", "+84912345670", "+84912345679");

    /**
     * What the citizen does on the activation page the portal sent them to: types the code Kyso
     * texted them (here: the message in the development outbox that carries this link).
     */
    private static void sendTheCitizenTo(URI activationUrl) {
        for (String phone : PHONES) {
            boolean theirs = service.get("/dev/outbox?phone=" + phone.replace("+", "%2B"), null).list().stream()
                    .anyMatch(m -> m.get("text").toString().contains(activationUrl.toString()));
            if (theirs) {
                service.activate(activationUrl.toString(), phone, null);
                return;
            }
        }
        throw new AssertionError("no citizen received " + activationUrl);
    }

    /** The code the citizen received by SMS and typed into the portal (here: read from the development outbox). */
    private static String codeTypedBy(Citizen citizen) {
        return service.latestCode(citizen.phone());
    }

    @Test
    void shouldTellTheCitizenHowManyAttemptsAreLeftAfterAWrongCode() {
        KysoClient kyso = service.client();
        Citizen citizen = kyso.citizens().enroll(EnrollCitizen.of("001099012346", "Trần Văn Bình", "+84912345679"));
        sendTheCitizenTo(citizen.activationUrl());
        SigningRequest request = kyso.signingRequests().create(NewSigningRequest.builder(citizen.id(), "Hồ sơ")
                .document(DocumentUpload.of(Repository.root().resolve("docs/examples/giay-de-nghi.pdf"))).build());
        String code = "000000".equals(service.latestCode("+84912345679")) ? "111111" : "000000";

        String told = null;
        // tag::errors[]
        try {
            kyso.signingRequests().confirm(request.id(), code);
        } catch (KysoApiException e) {
            told = switch (e.code()) {
                case "otp.invalid" -> "Mã không đúng. Còn " + e.attemptsLeft().orElse(0) + " lần thử.";
                case "otp.expired" -> "Mã đã hết hạn. Bấm \"Gửi lại mã\".";
                case "otp.used" -> "Mã đã được dùng. Hãy nhập mã mới Kyso vừa gửi.";
                case "request.locked" -> "Hồ sơ đã bị khóa do nhập sai quá nhiều lần.";
                default -> throw e;
            };
        }
        // end::errors[]
        assertEquals("Mã không đúng. Còn 4 lần thử.", told);
    }
}
