package io.kyso.signer.delivery;

import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Sends codes through an HTTP SMS gateway: one JSON POST per message, with timeouts, and retries
 * (with doubling pauses) only where another attempt may pass: no answer, 429 or 5xx. A 4xx is the
 * gateway refusing this message and is not retried. Neither the text nor the credentials are
 * ever logged.
 */
@Singleton
@Requires(property = "kyso.delivery.sms", value = "gateway")
public class SmsGatewayChannel implements OtpSender {
    private static final Logger LOG = LoggerFactory.getLogger(SmsGatewayChannel.class);

    private final SmsGatewayConfiguration config;
    private final JsonMapper json;
    private final HttpClient http;

    public SmsGatewayChannel(SmsGatewayConfiguration config, JsonMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** What the gateway receives. */
    @Serdeable
    public record SmsPayload(String to, String text, String sender) {
    }

    @Override
    public String name() {
        return "gateway";
    }

    @Override
    public boolean carries(OtpChannel kind) {
        return kind == OtpChannel.SMS;
    }

    @Override
    public void send(OtpMessage message) throws OtpDeliveryException {
        HttpRequest request = request(message);
        String lastFailure = "";
        Duration pause = config.retryDelay();
        for (int attempt = 0; attempt <= config.retries(); attempt++) {
            if (attempt > 0) {
                sleep(pause);
                pause = pause.multipliedBy(2);
            }
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    return;
                }
                lastFailure = "the gateway answered HTTP " + status;
                if (status != 429 && status / 100 == 4) {
                    throw new OtpDeliveryException(lastFailure + " (not retried: it refused the message)");
                }
            } catch (IOException e) {
                lastFailure = "the gateway did not answer (" + e.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OtpDeliveryException("interrupted while sending", e);
            }
            LOG.info("SMS not accepted by the gateway on attempt {}: {}", attempt + 1, lastFailure);
        }
        throw new OtpDeliveryException(lastFailure + " after " + (config.retries() + 1) + " attempt(s)");
    }

    private HttpRequest request(OtpMessage message) throws OtpDeliveryException {
        byte[] body;
        try {
            body = json.writeValueAsBytes(new SmsPayload(message.recipient(), message.text(), config.sender()));
        } catch (IOException e) {
            throw new OtpDeliveryException("the message could not be encoded", e);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(config.url()).timeout(config.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (config.username() != null) {
            String credentials = config.username() + ":" + (config.password() == null ? "" : config.password());
            builder.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return builder.build();
    }

    private static void sleep(Duration pause) throws OtpDeliveryException {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OtpDeliveryException("interrupted while waiting to retry", e);
        }
    }
}
