package io.kyso.signer.problem;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/** Builds {@code application/problem+json} responses. */
public final class ProblemResponses {
    private ProblemResponses() {
    }

    public static MutableHttpResponse<Problem> of(Problem problem) {
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
                .contentType(Problem.MEDIA_TYPE)
                .body(problem);
        if (problem.retryAfterSeconds() != null) {
            response.header("Retry-After", Long.toString(problem.retryAfterSeconds()));
        }
        return response;
    }
}
