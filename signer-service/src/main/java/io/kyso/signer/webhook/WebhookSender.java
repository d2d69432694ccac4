package io.kyso.signer.webhook;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes one delivery attempt: checks the callback URL again (its host may resolve elsewhere now),
 * signs the payload with the portal's secret and the current time, and POSTs it to an address of the
 * very answer the check approved ({@link PinnedPost}): the host name is resolved once per attempt,
 * so a DNS answer that changes between the check and the connection (rebinding) cannot lead the
 * delivery into the service's own network. Redirects are not followed: one could lead to an address
 * the check refused.
 */
@Singleton
public class WebhookSender {
    private final CallbackUrlPolicy policy;
    private final WebhookSecrets secrets;
    private final WebhookConfiguration config;
    private final Clock clock;
    private final PinnedPost http;

    @Inject
    public WebhookSender(CallbackUrlPolicy policy, WebhookSecrets secrets, WebhookConfiguration config, Clock clock) {
        this(policy, secrets, config, clock, defaultTls());
    }

    /** With the TLS trust of {@code tls} instead of the JDK's (tests, with a CA of their own). */
    WebhookSender(CallbackUrlPolicy policy, WebhookSecrets secrets, WebhookConfiguration config, Clock clock,
                  SSLSocketFactory tls) {
        this.policy = policy;
        this.secrets = secrets;
        this.config = config;
        this.clock = clock;
        this.http = new PinnedPost(tls, config.timeout());
    }

    private static SSLSocketFactory defaultTls() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outcome of one attempt; {@code error} is short, safe to log and store (no URL, no secret). */
    public record Result(boolean delivered, String error) {
        static Result ok() {
            return new Result(true, null);
        }

        static Result failed(String error) {
            return new Result(false, error.length() > 200 ? error.substring(0, 200) : error);
        }
    }

    public Result send(WebhookDelivery delivery) {
        URI uri = URI.create(delivery.callbackUrl());
        List<InetAddress> checked;
        try {
            checked = policy.resolveAllowed(uri);
        } catch (CallbackUrlPolicy.RefusedException e) {
            return Result.failed("refused: " + e.getMessage());
        }
        byte[] secret = secrets.of(delivery.portalId()).orElse(null);
        if (secret == null) {
            return Result.failed("the portal has no webhook secret");
        }
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Kyso-Webhook/1");
        headers.put("Kyso-Delivery", delivery.id().toString());
        headers.put(WebhookSignature.HEADER, WebhookSignature.header(secret, clock.instant().getEpochSecond(), body));
        try {
            int status = http.post(uri, checked, headers, body);
            return status / 100 == 2 ? Result.ok() : Result.failed("HTTP " + status);
        } catch (IOException e) {
            return Result.failed(e.getClass().getSimpleName());
        }
    }
}
