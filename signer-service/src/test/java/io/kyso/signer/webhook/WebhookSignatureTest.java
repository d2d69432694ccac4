package io.kyso.signer.webhook;

import io.kyso.client.RequestStatus;
import io.kyso.client.webhook.WebhookVerificationException;
import io.kyso.client.webhook.WebhookVerifier;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the service signs, the SDK's verifier accepts, and nothing else. */
class WebhookSignatureTest {
    private static final String SECRET = "whsec_compat_0123456789abcdef0123456789";

    @Test
    void shouldBeVerifiedByTheSdk() {
        long now = 1_750_000_000L;
        UUID id = UUID.randomUUID();
        byte[] body = ("{\"event\":\"signing_request.completed\",\"requestId\":\"" + id
                + "\",\"status\":\"EXPIRED\",\"occurredAt\":\"2025-06-15T15:06:40Z\"}").getBytes(StandardCharsets.UTF_8);
        String header = WebhookSignature.header(SECRET.getBytes(StandardCharsets.UTF_8), now, body);

        WebhookVerifier verifier = WebhookVerifier.of(SECRET).withClock(Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC));
        assertEquals(RequestStatus.EXPIRED, verifier.verify(header, body).status());
        assertEquals(id, verifier.verify(header, body).requestId());
        assertThrows(WebhookVerificationException.class,
                () -> WebhookVerifier.of(SECRET + "x").withClock(Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC))
                        .verify(header, body));
    }
}
