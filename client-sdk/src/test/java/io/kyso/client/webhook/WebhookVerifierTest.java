package io.kyso.client.webhook;

import io.kyso.client.RequestStatus;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Against signatures computed here from the documented scheme: HMAC-SHA256(secret, t + "." + body). */
class WebhookVerifierTest {
    private static final String SECRET = "whsec_test_0123456789abcdef0123456789abcdef";
    private static final long NOW = 1_740_816_000L;
    private static final byte[] BODY = ("{\"event\":\"signing_request.completed\",\"requestId\":\"0b6a3a52-5d0e-4c1a-9d55-5b9e2a0f7c11\","
            + "\"status\":\"SIGNED\",\"occurredAt\":\"2025-03-01T08:05:00Z\"}").getBytes(StandardCharsets.UTF_8);

    private final WebhookVerifier verifier = WebhookVerifier.of(SECRET)
            .withClock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    @Test
    void shouldAcceptKysosSignatureAndReadTheEvent() throws Exception {
        WebhookEvent event = verifier.verify("t=" + NOW + ",v1=" + sign(SECRET, NOW, BODY), BODY);
        assertEquals(WebhookEvent.REQUEST_COMPLETED, event.event());
        assertEquals(UUID.fromString("0b6a3a52-5d0e-4c1a-9d55-5b9e2a0f7c11"), event.requestId());
        assertEquals(RequestStatus.SIGNED, event.status());
        assertEquals(Instant.parse("2025-03-01T08:05:00Z"), event.occurredAt());
    }

    @Test
    void shouldAcceptAnyOfSeveralSignaturesDuringASecretRotation() throws Exception {
        String header = "t=" + NOW + ", v1=" + sign("old-secret", NOW, BODY) + ", v1=" + sign(SECRET, NOW, BODY);
        assertEquals(RequestStatus.SIGNED, verifier.verify(header, BODY).status());
    }

    @Test
    void shouldRefuseAChangedBody() throws Exception {
        byte[] changed = new String(BODY, StandardCharsets.UTF_8).replace("SIGNED", "FAILED").getBytes(StandardCharsets.UTF_8);
        assertThrows(WebhookVerificationException.class,
                () -> verifier.verify("t=" + NOW + ",v1=" + sign(SECRET, NOW, BODY), changed));
    }

    @Test
    void shouldRefuseAnotherSecret() throws Exception {
        assertThrows(WebhookVerificationException.class,
                () -> verifier.verify("t=" + NOW + ",v1=" + sign("another-secret", NOW, BODY), BODY));
    }

    @Test
    void shouldRefuseAReplayedTimestampOutsideTheTolerance() throws Exception {
        long old = NOW - Duration.ofMinutes(5).toSeconds() - 1;
        assertThrows(WebhookVerificationException.class, () -> verifier.verify("t=" + old + ",v1=" + sign(SECRET, old, BODY), BODY));
        long future = NOW + Duration.ofMinutes(6).toSeconds();
        assertThrows(WebhookVerificationException.class,
                () -> verifier.verify("t=" + future + ",v1=" + sign(SECRET, future, BODY), BODY));
        long edge = NOW - Duration.ofMinutes(5).toSeconds();
        assertEquals(RequestStatus.SIGNED, verifier.verify("t=" + edge + ",v1=" + sign(SECRET, edge, BODY), BODY).status());
    }

    @Test
    void shouldRefuseTheTimestampMovedWithoutResigning() throws Exception {
        assertThrows(WebhookVerificationException.class,
                () -> verifier.verify("t=" + (NOW - 1) + ",v1=" + sign(SECRET, NOW, BODY), BODY));
    }

    @Test
    void shouldRefuseMalformedHeaders() {
        for (String header : new String[] {"", "v1=abc", "t=" + NOW, "t=x,v1=" + "0".repeat(64),
                "t=" + NOW + ",t=" + NOW + ",v1=" + "0".repeat(64)}) {
            assertThrows(WebhookVerificationException.class, () -> verifier.verify(header, BODY), header);
        }
        assertThrows(WebhookVerificationException.class, () -> verifier.verify(null, BODY));
    }

    @Test
    void shouldRefuseASignedBodyThatIsNotAnEvent() throws Exception {
        byte[] other = "{\"hello\":1}".getBytes(StandardCharsets.UTF_8);
        assertThrows(WebhookVerificationException.class, () -> verifier.verify("t=" + NOW + ",v1=" + sign(SECRET, NOW, other), other));
    }

    static String sign(String secret, long t, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
