package io.kyso.signer.idempotency;

import io.kyso.signer.portal.Portal;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs a POST at most once per {@code Idempotency-Key} (per portal): the first attempt runs and its
 * answer is stored; a retry with the same request gets that answer again (marked
 * {@value StoredResponse#REPLAYED_HEADER}); the same key with another request is refused (422), and
 * so is a retry while the first still runs (409, retry later).
 *
 * <p>Which answers are kept: every 2xx and 4xx, since running the call again would give the same
 * answer or, worse, act twice. Not kept: 5xx (the call did not complete: an HSM or database outage
 * left nothing changed, so a retry must run it), 429 (a rate limit says "not now", not "no") and
 * the 409s that say "busy, retry" ({@code busy}, {@code idempotency.in_progress}).
 *
 * <p>A call that changes state writes its answer in the same transaction as the change
 * ({@link IdempotentAnswers}); this class stores the others' answers after the call.
 */
@Singleton
public class IdempotentExecution {
    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** 4xx answers that say "not now": a retry must run the call again. */
    private static final java.util.Set<String> RETRY_LATER = java.util.Set.of(ErrorCode.BUSY.code(),
            ErrorCode.IDEMPOTENCY_IN_PROGRESS.code());

    private final IdempotencyKeys keys;
    private final JsonMapper json;

    public IdempotentExecution(IdempotencyKeys keys, JsonMapper json) {
        this.keys = keys;
        this.json = json;
    }

    /**
     * Runs {@code work} under {@code key}, or replays its first answer. Without a key, simply runs it.
     *
     * @param fingerprint the {@link RequestFingerprint} of this request
     */
    public MutableHttpResponse<?> run(Portal portal, @Nullable String key, RequestFingerprint.Fingerprint fingerprint,
                                      Supplier<MutableHttpResponse<?>> work) {
        if (key == null) {
            return work.get();
        }
        requireValid(key);
        Optional<StoredResponse> first = keys.begin(portal.id(), key, fingerprint);
        String requestHash = fingerprint.keyed();
        if (first.isPresent()) {
            return first.get().toHttpResponse();
        }
        IdempotencyScope scope = new IdempotencyScope(portal.id(), key, requestHash);
        MutableHttpResponse<?> response;
        try {
            response = scope.run(work);
        } catch (KysoException e) {
            if (scope.answered().get()) {
                throw e; // the effect committed with its answer; a retry replays that
            }
            Problem problem = e.problem();
            if (RETRY_LATER.contains(problem.code())) {
                keys.release(portal.id(), key);
            } else {
                settle(portal, key, requestHash, problem.status(),
                        () -> new StoredResponse(problem.status(), Problem.MEDIA_TYPE, null, write(problem)));
            }
            throw e;
        } catch (RuntimeException | Error e) {
            keys.release(portal.id(), key);
            throw e;
        }
        if (!scope.answered().get()) {
            settle(portal, key, requestHash, response.code(), () -> stored(response));
        }
        return response;
    }

    /** Refuses a key that is not 1 to 255 visible ASCII characters (a UUID is typical). */
    public static void requireValid(String key) {
        if (!VALID_KEY.matcher(key).matches()) {
            throw new KysoException(ErrorCode.IDEMPOTENCY_KEY_INVALID,
                    "An Idempotency-Key is 1 to 255 visible ASCII characters, e.g. a UUID.");
        }
    }

    private void settle(Portal portal, String key, String hash, int status, Supplier<StoredResponse> answer) {
        if (status >= 500 || status == 429) {
            keys.release(portal.id(), key);
        } else {
            keys.complete(portal.id(), key, hash, answer.get());
        }
    }

    private StoredResponse stored(MutableHttpResponse<?> response) {
        String type = response.getContentType().map(MediaType::toString).orElse(MediaType.APPLICATION_JSON);
        String location = response.getHeaders().get(HttpHeaders.LOCATION);
        Object body = response.getBody().orElse(null);
        String text;
        if (body == null) {
            text = "";
        } else if (body instanceof byte[] bytes) {
            text = new String(bytes, StandardCharsets.UTF_8);
        } else if (body instanceof CharSequence chars) {
            text = chars.toString();
        } else {
            text = write(body);
        }
        return new StoredResponse(response.code(), type, location, text);
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
