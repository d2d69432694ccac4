package io.kyso.client.webhook;

import io.kyso.client.RequestStatus;
import io.kyso.client.json.Fields;
import io.kyso.client.json.Json;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Checks that a webhook comes from Kyso and is fresh, then reads it.
 *
 * <p>Kyso sends {@code Kyso-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}.
 * The verifier recomputes the HMAC over the <em>raw</em> body bytes (before any JSON parsing),
 * compares it in constant time with every {@code v1} given (several during a secret rotation), and
 * refuses a timestamp further than the tolerance (5 minutes by default) from now, which bounds how
 * long a captured webhook can be replayed. Deliveries are retried, so the same event can arrive more
 * than once: handle it idempotently (by {@code requestId}).
 *
 * <p>Immutable and thread-safe.
 */
public final class WebhookVerifier {
    public static final String SIGNATURE_HEADER = "Kyso-Signature";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final byte[] secret;
    private final Duration tolerance;
    private final Clock clock;

    private WebhookVerifier(byte[] secret, Duration tolerance, Clock clock) {
        this.secret = secret;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** A verifier for the portal's webhook secret, as configured in Kyso ({@code kyso.portals.<id>.webhook-secret}). */
    public static WebhookVerifier of(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the webhook secret is required");
        }
        return new WebhookVerifier(secret.getBytes(StandardCharsets.UTF_8), DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    public WebhookVerifier withTolerance(Duration maxAge) {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative");
        }
        return new WebhookVerifier(secret, maxAge, clock);
    }

    public WebhookVerifier withClock(Clock now) {
        return new WebhookVerifier(secret, tolerance, Objects.requireNonNull(now, "clock"));
    }

    /**
     * The event, if {@code signatureHeader} (the {@value #SIGNATURE_HEADER} header) signs {@code body}
     * with this secret and is within the tolerance; otherwise {@link WebhookVerificationException}.
     */
    public WebhookEvent verify(String signatureHeader, byte[] body) {
        if (signatureHeader == null || body == null) {
            throw new WebhookVerificationException("no " + SIGNATURE_HEADER + " header or no body");
        }
        Signature signature = Signature.parse(signatureHeader);
        Instant signedAt = Instant.ofEpochSecond(signature.timestamp());
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(tolerance) > 0) {
            throw new WebhookVerificationException("the signature's timestamp is outside the tolerance of " + tolerance);
        }
        byte[] expected = hmac(signature.timestamp(), body);
        boolean matches = false;
        for (byte[] candidate : signature.v1()) {
            matches |= MessageDigest.isEqual(expected, candidate);
        }
        if (!matches) {
            throw new WebhookVerificationException("the signature does not match the body");
        }
        return read(body);
    }

    private byte[] hmac(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static WebhookEvent read(byte[] body) {
        try {
            Fields f = Fields.of(Json.parse(new String(body, StandardCharsets.UTF_8)));
            return new WebhookEvent(f.text("event"), f.uuid("requestId"), f.enumValue("status", RequestStatus.class),
                    f.instant("occurredAt"));
        } catch (IllegalArgumentException e) {
            throw new WebhookVerificationException("the body is not a Kyso event: " + e.getMessage());
        }
    }

    /** The parsed header: one timestamp, one or more v1 signatures; other schemes are ignored. */
    private record Signature(long timestamp, List<byte[]> v1) {

        static Signature parse(String header) {
            Long timestamp = null;
            List<byte[]> v1 = new ArrayList<>();
            for (String element : header.split(",")) {
                int eq = element.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = element.substring(0, eq).strip();
                String value = element.substring(eq + 1).strip();
                if (key.equals("t")) {
                    timestamp = parseTimestamp(value, timestamp);
                } else if (key.equals("v1") && value.length() == 64 && value.matches("[0-9a-fA-F]+")) {
                    v1.add(HexFormat.of().parseHex(value));
                }
            }
            if (timestamp == null || v1.isEmpty()) {
                throw new WebhookVerificationException("the " + SIGNATURE_HEADER + " header lacks t= or v1=");
            }
            return new Signature(timestamp, v1);
        }

        private static Long parseTimestamp(String value, Long earlier) {
            if (earlier != null || !value.matches("\\d{1,12}")) {
                throw new WebhookVerificationException("the " + SIGNATURE_HEADER + " header has an invalid t=");
            }
            return Long.parseLong(value);
        }
    }
}
