package io.kyso.signer.crash;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoTestService;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The portal's side of the API over plain HTTP/1.1, with the development portal's key: no retry,
 * no hidden idempotency key, so the harness sees exactly what each call got, or that it got nothing.
 */
final class PortalApi {
    static final String REQUESTS = "/api/v1/signing-requests";
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    PortalApi(URI base) {
        this.base = base;
    }

    static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON POST with its {@code Idempotency-Key}. */
    Answer post(String path, byte[] body, String idempotencyKey) {
        return send(request(path).header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    Answer get(String path) {
        return send(request(path).GET().build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(CrashSettings.CALL_TIMEOUT)
                .header("Authorization", "Bearer " + KysoTestService.API_KEY);
    }

    private Answer send(HttpRequest request) {
        long started = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            String type = response.headers().firstValue("content-type").orElse("");
            Object json = type.contains("json") && response.body().length > 0
                    ? JSON.readValue(new ByteArrayInputStream(response.body()), Argument.OBJECT_ARGUMENT) : null;
            return new Answer(new ApiResponse(response.statusCode(), response.headers(), response.body(), json), null,
                    started, System.nanoTime());
        } catch (IOException e) {
            return new Answer(null, e.getClass().getSimpleName() + ": " + e.getMessage(), started, System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, "interrupted", started, System.nanoTime());
        }
    }
}
