package io.kyso.client;


import io.kyso.client.json.Fields;
import io.kyso.client.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * Sends one logical call to Kyso, retrying it when that is safe: on connection failures (refused,
 * reset, timed out, closed before the answer) and on {@code 502/503/504}, and on {@code 409
 * idempotency.in_progress} (the same call is still running on the server). A {@code POST} carries
 * one {@code Idempotency-Key} for all its attempts, so Kyso executes it once however many attempts
 * reach it. Pauses follow {@link Backoff}, stretched to the server's {@code Retry-After} when it
 * gives one (up to the configured maximum). Thread-safe.
 */
final class Transport {
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private static final System.Logger LOG = System.getLogger("io.kyso.client");
    private static final Set<Integer> RETRYABLE_STATUSES = Set.of(502, 503, 504);
    private static final String IN_PROGRESS = "idempotency.in_progress";
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final KysoConfig config;
    private final HttpClient http;
    private final Backoff backoff;
    private final Sleeper sleeper;

    Transport(KysoConfig config, HttpClient http, Backoff backoff, Sleeper sleeper) {
        this.config = config;
        this.http = http;
        this.backoff = backoff;
        this.sleeper = sleeper;
    }

    /** A request body, opened afresh for every attempt. */
    @FunctionalInterface
    interface BodySource {
        HttpRequest.BodyPublisher open() throws IOException;
    }

    /** Reads a successful answer. */
    @FunctionalInterface
    interface AnswerReader<T> {
        T read(HttpResponse<InputStream> response, InputStream body) throws IOException;
    }

    /**
     * One logical call.
     *
     * @param body        null for a GET
     * @param repeatable  false when the body can be sent once only: the call is then never retried
     */
    record Call(String method, String path, BodySource body, String contentType, String idempotencyKey,
                boolean repeatable) {

        static Call get(String path) {
            return new Call("GET", path, null, null, null, true);
        }

        /** A POST of JSON (or of nothing), with a fresh idempotency key. */
        static Call postJson(String path, Object json) {
            byte[] bytes = json == null ? new byte[0] : Json.write(json).getBytes(StandardCharsets.UTF_8);
            return new Call("POST", path, () -> HttpRequest.BodyPublishers.ofByteArray(bytes),
                    json == null ? null : "application/json", UUID.randomUUID().toString(), true);
        }
    }

    /** Sends {@code call} and returns its JSON answer; a broken answer is retried like a broken connection. */
    Fields json(Call call) {
        return execute(call, (response, body) -> {
            String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            try {
                return Fields.of(Json.parse(text));
            } catch (IllegalArgumentException e) {
                throw new KysoException("Kyso's answer to " + call.method() + " " + call.path() + " is not valid JSON", e);
            }
        }, true);
    }

    /**
     * Sends {@code call} and hands the successful answer's body to {@code reader}. If the body breaks
     * off, the call is retried only when {@code rereadable}: the reader can start over (it writes to a
     * fresh temporary file), unlike one that has already passed bytes on to its caller.
     */
    <T> T receive(Call call, AnswerReader<T> reader, boolean rereadable) {
        return execute(call, reader, rereadable);
    }

    private <T> T execute(Call call, AnswerReader<T> reader, boolean answerRetryable) {
        for (int attempt = 1; ; attempt++) {
            Duration pause;
            try {
                HttpResponse<InputStream> response = http.send(request(call), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    if (response.statusCode() / 100 == 2) {
                        return readAnswer(call, reader, response, body, answerRetryable, attempt);
                    }
                    Problem problem = Problems.read(response, body, MAX_ERROR_BODY);
                    if (!isRetryable(problem) || !canRetry(call, attempt)) {
                        throw new KysoApiException(problem);
                    }
                    pause = pauseBefore(attempt, problem.retryAfterSeconds());
                    log(call, attempt, "answered " + problem.status() + " " + (problem.code() == null ? "" : problem.code()),
                            pause);
                }
            } catch (IOException e) {
                if (!canRetry(call, attempt)) {
                    throw new KysoConnectionException("Kyso could not be reached for " + call.method() + " "
                            + call.path() + ": " + e, attempt, e);
                }
                pause = pauseBefore(attempt, null);
                log(call, attempt, "failed (" + e + ")", pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KysoException("interrupted while calling Kyso", e);
            }
            sleep(pause);
        }
    }

    private <T> T readAnswer(Call call, AnswerReader<T> reader, HttpResponse<InputStream> response, InputStream body,
                             boolean retryable, int attempt) throws IOException {
        try {
            return reader.read(response, body);
        } catch (IOException e) {
            if (retryable) {
                throw e;
            }
            throw new KysoConnectionException("The answer to " + call.method() + " " + call.path() + " broke off: " + e,
                    attempt, e);
        }
    }

    private HttpRequest request(Call call) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(call.path()))
                .timeout(config.requestTimeout())
                .header("Authorization", "Bearer " + config.apiKey())
                .header("Accept", "application/json, application/problem+json, */*;q=0.5")
                .header("User-Agent", "kyso-client-java");
        if (call.idempotencyKey() != null) {
            builder.header(IDEMPOTENCY_HEADER, call.idempotencyKey());
        }
        if (call.contentType() != null) {
            builder.header("Content-Type", call.contentType());
        }
        return builder.method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody() : call.body().open())
                .build();
    }

    private URI uri(String path) {
        String base = config.baseUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    private static boolean isRetryable(Problem problem) {
        return RETRYABLE_STATUSES.contains(problem.status())
                || (problem.status() == 409 && IN_PROGRESS.equals(problem.code()));
    }

    private boolean canRetry(Call call, int attempt) {
        return call.repeatable() && attempt < config.maxAttempts();
    }

    /** The jittered backoff, but never shorter than the server's Retry-After (within the configured maximum). */
    Duration pauseBefore(int attempt, Long retryAfterSeconds) {
        Duration pause = backoff.delay(attempt);
        if (retryAfterSeconds != null) {
            Duration asked = Duration.ofSeconds(Math.max(0, retryAfterSeconds));
            Duration floor = asked.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : asked;
            pause = pause.compareTo(floor) < 0 ? floor : pause;
        }
        return pause;
    }

    private void log(Call call, int attempt, String what, Duration pause) {
        LOG.log(System.Logger.Level.INFO, "Kyso {0} {1} {2}; attempt {3} of {4} in {5} ms", call.method(), call.path(),
                what, attempt + 1, config.maxAttempts(), pause.toMillis());
    }

    private void sleep(Duration pause) {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KysoException("interrupted while waiting to retry a Kyso call", e);
        }
    }
}
