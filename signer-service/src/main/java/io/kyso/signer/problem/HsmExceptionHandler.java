package io.kyso.signer.problem;

import io.kyso.hsm.HsmException;
import io.kyso.hsm.PinIncorrectException;
import io.kyso.hsm.TokenUnavailableException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HSM's failures: unreachable or refusing the PIN is 503 (retry later, nothing was changed);
 * anything else (a missing key, a value that does not verify, a wrapped key that does not unwrap, a
 * wrongly provisioned wrapping key) will not heal by retrying: 500, generic body, detail in the log.
 */
@Singleton
public class HsmExceptionHandler implements ExceptionHandler<HsmException, HttpResponse<Problem>> {
    private static final Logger LOG = LoggerFactory.getLogger(HsmExceptionHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, HsmException exception) {
        if (!(exception instanceof TokenUnavailableException || exception instanceof PinIncorrectException)) {
            String ref = ErrorReference.next();
            LOG.error("{} {} failed in the HSM [ref {}]", request.getMethod(), LoggedPaths.redact(request.getPath()), ref,
                    exception);
            return ProblemResponses.of(Problem.of(ErrorCode.INTERNAL, "An unexpected error occurred. Reference: " + ref));
        }
        LOG.warn("{} {} -> 503 hsm.unavailable: {}", request.getMethod(), LoggedPaths.redact(request.getPath()),
                exception.getMessage());
        return ProblemResponses.of(Problem.of(ErrorCode.HSM_UNAVAILABLE,
                "The signing device cannot be reached. Nothing was changed; try again in a moment.").withRetryAfter(30));
    }
}
