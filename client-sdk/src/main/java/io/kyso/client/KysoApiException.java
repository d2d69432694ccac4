package io.kyso.client;

import java.util.Optional;

/**
 * Kyso answered with an error: its HTTP status and its RFC 9457 problem, whose stable
 * {@link #code()} says what went wrong ({@code citizen.already_enrolled}, {@code document.encrypted},
 * {@code otp.invalid}, {@code request.locked}, …).
 */
public class KysoApiException extends KysoException {
    private final transient Problem problem;

    public KysoApiException(Problem problem) {
        super("Kyso answered " + problem.status() + (problem.code() == null ? "" : " " + problem.code())
                + (problem.detail() == null ? "" : ": " + problem.detail()));
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** The HTTP status. */
    public int status() {
        return problem.status();
    }

    /**
     * Kyso's stable code; empty (never null, so that it can be switched on) if the answer did not
     * come from Kyso, e.g. a proxy's error page.
     */
    public String code() {
        return problem.code() == null ? "" : problem.code();
    }

    /** For {@code otp.invalid}: wrong codes left before the request locks. */
    public Optional<Integer> attemptsLeft() {
        return Optional.ofNullable(problem.attemptsLeft());
    }

    /** For a refused document: which one. */
    public Optional<Problem.DocumentRef> document() {
        return Optional.ofNullable(problem.document());
    }

    /** For a rate limit or an outage: seconds to wait before trying again. */
    public Optional<Long> retryAfterSeconds() {
        return Optional.ofNullable(problem.retryAfterSeconds());
    }
}
