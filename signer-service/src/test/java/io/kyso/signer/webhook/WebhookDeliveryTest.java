package io.kyso.signer.webhook;

import io.kyso.client.DocumentUpload;
import io.kyso.client.EnrollCitizen;
import io.kyso.client.KysoApiException;
import io.kyso.client.KysoClient;
import io.kyso.client.KysoConfig;
import io.kyso.client.NewSigningRequest;
import io.kyso.client.RequestStatus;
import io.kyso.client.SigningRequest;
import io.kyso.client.webhook.WebhookEvent;
import io.kyso.client.webhook.WebhookVerifier;
import io.kyso.signer.testing.DatabaseProbe;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import io.kyso.signer.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Kyso calls the portal back when a request ends, signs every delivery, and retries until the portal says yes. */
@KysoService
class WebhookDeliveryTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final WebhookVerifier VERIFIER = WebhookVerifier.of(KysoTestService.WEBHOOK_SECRET);
    private static KysoTestService kyso;
    private static WebhookReceiver portal;

    @BeforeAll
    static void start() throws IOException {
        portal = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    static SigningRequest newRequest(KysoClient client, String nationalId, String phone, URI callback) {
        UUID citizen = client.citizens().enroll(EnrollCitizen.of(nationalId, "Nguyễn Trãi", phone)).id();
        return client.signingRequests().create(NewSigningRequest.builder(citizen, "Hồ sơ có gọi lại")
                .document(DocumentUpload.ofBytes("a.pdf", "application/pdf", TestPdfs.small()))
                .callbackUrl(callback).build());
    }

    @Test
    void shouldRetryAWebhookUntilThePortalAcknowledgesIt() throws Exception {
        portal.answer(503, 500);
        SigningRequest request = newRequest(kyso.client(), "079099000901", "+84901000901", portal.url());
        kyso.client().signingRequests().reject(request.id());

        WebhookReceiver.Delivery first = portal.next(PATIENCE);
        WebhookReceiver.Delivery second = portal.next(PATIENCE);
        WebhookReceiver.Delivery third = portal.next(PATIENCE);
        for (WebhookReceiver.Delivery delivery : new WebhookReceiver.Delivery[] {first, second, third}) {
            WebhookEvent event = VERIFIER.verify(delivery.signature(), delivery.body());
            assertEquals(request.id(), event.requestId());
            assertEquals(RequestStatus.REJECTED, event.status());
            assertEquals(WebhookEvent.REQUEST_COMPLETED, event.event());
        }
        assertArrayEquals(first.body(), third.body(), "every attempt carries the same event");
        assertEquals(first.deliveryId(), third.deliveryId());
        awaitDeliveryState(request.id(), "DELIVERED");
        assertEquals(1, DatabaseProbe.auditEntries(kyso, "WEBHOOK_DELIVERED", request.id()));
    }

    @Test
    void shouldCallThePortalBackWhenARequestLocksAfterWrongCodes() throws Exception {
        SigningRequest request = newRequest(kyso.client(), "079099000902", "+84901000902", portal.url());
        String wrong = "000000".equals(kyso.latestCode("+84901000902")) ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            assertThrows(KysoApiException.class, () -> kyso.client().signingRequests().confirm(request.id(), wrong));
        }
        WebhookReceiver.Delivery delivery = portal.next(PATIENCE);
        WebhookEvent event = VERIFIER.verify(delivery.signature(), delivery.body());
        assertEquals(request.id(), event.requestId());
        assertEquals(RequestStatus.LOCKED, event.status());
    }

    @Test
    void shouldRefuseACallbackForAPortalWithoutAWebhookSecret() {
        KysoClient other = KysoClient.create(KysoConfig.builder().baseUrl(kyso.url(""))
                .apiKey(KysoTestService.OTHER_API_KEY).build());
        KysoApiException refused = assertThrows(KysoApiException.class,
                () -> newRequest(other, "079099000903", "+84901000903", portal.url()));
        assertEquals(400, refused.status());
        assertEquals("request.callback_not_configured", refused.code());
    }

    private static void awaitDeliveryState(UUID requestId, String state) throws InterruptedException {
        DatabaseProbe.awaitText(kyso, state, PATIENCE, "SELECT state FROM webhook_delivery WHERE request_id = ?", requestId);
    }
}
