package io.kyso.signer.webhook;

import io.kyso.client.KysoApiException;
import io.kyso.client.RequestStatus;
import io.kyso.client.SigningRequest;
import io.kyso.client.webhook.WebhookEvent;
import io.kyso.client.webhook.WebhookVerifier;
import io.kyso.signer.testing.DatabaseProbe;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.WebhookReceiver;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Deliveries survive a restart, end when the portal never answers, and never go where they must not. */
class WebhookResilienceTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void shouldDeliverAfterARestartBetweenTheFinalStateAndTheDelivery() throws Exception {
        KysoTestService kyso = KysoTestService.start(Map.of("kyso.webhooks.enabled", "false"));
        try (WebhookReceiver portal = new WebhookReceiver()) {
            SigningRequest request = WebhookDeliveryTest.newRequest(kyso, kyso.client(), "079099001001", "+84901001001",
                    portal.url());
            kyso.client().signingRequests().reject(request.id());
            assertEquals("PENDING", DatabaseProbe.text(kyso,
                    "SELECT state FROM webhook_delivery WHERE request_id = ?", request.id()), "in the outbox, not sent");

            kyso = kyso.restart(Map.of("kyso.webhooks.enabled", "true"));

            WebhookReceiver.Delivery delivery = portal.next(PATIENCE);
            WebhookEvent event = WebhookVerifier.of(KysoTestService.WEBHOOK_SECRET)
                    .verify(delivery.signature(), delivery.body());
            assertEquals(request.id(), event.requestId());
            assertEquals(RequestStatus.REJECTED, event.status());
            assertNull(portal.poll(), "delivered once");
        } finally {
            kyso.close();
        }
    }

    @Test
    void shouldGiveUpOnAPortalThatNeverAcknowledgesAndAuditIt() throws Exception {
        try (KysoTestService kyso = KysoTestService.start(Map.of("kyso.webhooks.give-up-after", "2s"));
             WebhookReceiver portal = new WebhookReceiver()) {
            portal.answer(500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500);
            SigningRequest request = WebhookDeliveryTest.newRequest(kyso, kyso.client(), "079099001002", "+84901001002",
                    portal.url());
            kyso.client().signingRequests().reject(request.id());

            DatabaseProbe.awaitText(kyso, "FAILED", PATIENCE,
                    "SELECT state FROM webhook_delivery WHERE request_id = ?", request.id());
            assertEquals("HTTP 500", DatabaseProbe.text(kyso,
                    "SELECT last_error FROM webhook_delivery WHERE request_id = ?", request.id()));
            assertEquals(1, DatabaseProbe.auditEntries(kyso, "WEBHOOK_FAILED", request.id()));
            assertEquals(0, DatabaseProbe.auditEntries(kyso, "WEBHOOK_DELIVERED", request.id()));
        }
    }

    @Test
    void shouldRefuseCallbacksToPrivateAddressesOrWithoutHttpsOutsideDevelopment() {
        try (KysoTestService kyso = KysoTestService.start(Map.of("kyso.dev.local-callbacks", "false",
                "kyso.webhooks.enabled", "false"))) {
            String[] refused = {"http://127.0.0.1:8443/kyso/events", "https://127.0.0.1/kyso/events",
                    "https://10.20.30.40/kyso/events", "https://169.254.169.254/latest/meta-data",
                    "https://[::1]/kyso/events", "https://user:pass@203.0.113.7/kyso", "ftp://203.0.113.7/x", "không phải URL"};
            int n = 0;
            for (String url : refused) {
                String nationalId = "0790990011" + String.format("%02d", n);
                String phone = "+849010011" + String.format("%02d", n++);
                KysoApiException e = assertThrows(KysoApiException.class, () -> WebhookDeliveryTest.newRequest(
                        kyso, kyso.client(), nationalId, phone, URI.create(url.replace(" ", "%20"))), url);
                assertEquals("request.invalid_callback_url", e.code(), url);
                assertEquals(400, e.status());
            }
            SigningRequest accepted = WebhookDeliveryTest.newRequest(kyso, kyso.client(), "079099001199", "+84901001199",
                    URI.create("https://203.0.113.7/kyso/events"));
            assertEquals(RequestStatus.AWAITING_CONFIRMATION, accepted.status());
        }
    }
}
