package io.kyso.signer.webhook;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Makes one delivery attempt: checks the callback URL again (its host may resolve elsewhere now),
 * signs the payload with the portal's secret and the current time, and POSTs it. Redirects are not
 * followed: one could lead to an address the check refused. The JVM caches the DNS answer the check
 * got (30 s by default), so the connection goes to an address that was checked.
 */
@Singleton
public class WebhookSender {
    private final CallbackUrlPolicy policy;
    private final WebhookSecrets secrets;
    private final WebhookConfiguration config;
    private final Clock clock;
    private final HttpClient http;

    public WebhookSender(CallbackUrlPolicy policy, WebhookSecrets secrets, WebhookConfiguration config, Clock clock) {
        this.policy = policy;
        this.secrets = secrets;
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
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
        try {
            policy.resolveAllowed(uri);
        } catch (CallbackUrlPolicy.RefusedException e) {
            return Result.failed("refused: " + e.getMessage());
        }
        byte[] secret = secrets.of(delivery.portalId()).orElse(null);
        if (secret == null) {
            return Result.failed("the portal has no webhook secret");
        }
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Kyso-Webhook/1")
                .header("Kyso-Delivery", delivery.id().toString())
                .header(WebhookSignature.HEADER, WebhookSignature.header(secret, clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? Result.ok() : Result.failed("HTTP " + status);
        } catch (IOException e) {
            return Result.failed(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("interrupted");
        }
    }
}
