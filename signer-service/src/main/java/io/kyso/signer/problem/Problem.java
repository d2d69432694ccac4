package io.kyso.signer.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An RFC 9457 problem detail with Kyso's stable {@code code}. Optional members are left out when
 * absent.
 *
 * @param type         a URI naming the problem type, derived from the code
 * @param title        a short summary that does not change between occurrences
 * @param status       the HTTP status
 * @param detail       what went wrong this time, for a person; never secrets or document content
 * @param code         the stable machine-readable code, e.g. {@code otp.invalid}
 * @param attemptsLeft for a wrong code, how many tries remain before the request locks
 * @param document     for a document problem, which document
 * @param retryAfterSeconds for a rate limit, when to try again
 * @param limitBytes   for a body too large, the largest accepted, in bytes
 * @param field        for a body with a field the call does not know, that field's name
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        @Schema(ref = "#/components/schemas/ErrorCode") String code,
        @Nullable Integer attemptsLeft,
        @Nullable @Schema(nullable = false) DocumentRef document,
        @Nullable Long retryAfterSeconds,
        @Nullable Long limitBytes,
        @Nullable String field) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Names the offending document of a request: its position (from 0) and its name. */
    @Serdeable
    public record DocumentRef(int index, String name) {
    }

    public static Problem of(ErrorCode code, String detail) {
        return new Problem(code.typeUri(), code.title(), code.status(), detail, code.code(), null, null, null, null, null);
    }

    public Problem withAttemptsLeft(int attempts) {
        return new Problem(type, title, status, detail, code, attempts, document, retryAfterSeconds, limitBytes, field);
    }

    public Problem withDocument(int index, String name) {
        return new Problem(type, title, status, detail, code, attemptsLeft, new DocumentRef(index, name), retryAfterSeconds,
                limitBytes, field);
    }

    public Problem withRetryAfter(long seconds) {
        return new Problem(type, title, status, detail, code, attemptsLeft, document, seconds, limitBytes, field);
    }

    public Problem withLimitBytes(long limit) {
        return new Problem(type, title, status, detail, code, attemptsLeft, document, retryAfterSeconds, limit, field);
    }

    public Problem withField(String name) {
        return new Problem(type, title, status, detail, code, attemptsLeft, document, retryAfterSeconds, limitBytes, name);
    }
}
