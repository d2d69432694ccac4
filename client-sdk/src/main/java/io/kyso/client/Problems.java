package io.kyso.client;


import io.kyso.client.json.Fields;
import io.kyso.client.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads an error answer as a {@link Problem}: Kyso's RFC 9457 body when there is one, otherwise
 * (a proxy's or load balancer's page) a problem with the status and no code. The body is read up to
 * a limit and never echoed whole into messages.
 */
final class Problems {
    private Problems() {
    }

    static Problem read(HttpResponse<?> response, InputStream body, int limit) throws IOException {
        int status = response.statusCode();
        byte[] bytes = body.readNBytes(limit);
        Long retryAfter = retryAfter(response).orElse(null);
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.contains("json") && bytes.length > 0) {
            try {
                Problem p = Models.problem(Fields.of(Json.parse(new String(bytes, StandardCharsets.UTF_8))), status);
                return p.retryAfterSeconds() != null || retryAfter == null ? p
                        : new Problem(p.type(), p.title(), p.status(), p.detail(), p.code(), p.attemptsLeft(),
                        p.document(), retryAfter);
            } catch (IllegalArgumentException notAProblem) {
                // fall through: described by its status alone
            }
        }
        return new Problem(null, "HTTP " + status, status, "HTTP " + status + " from " + response.uri().getHost()
                + " without a Kyso problem body", null, null, null, retryAfter);
    }

    /** {@code Retry-After} in seconds; the HTTP-date form is not used by Kyso and is ignored. */
    private static Optional<Long> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Long.parseLong(value.strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
