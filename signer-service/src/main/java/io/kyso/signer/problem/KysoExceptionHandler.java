package io.kyso.signer.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers a {@link KysoException} with its problem. */
@Singleton
@Requires(classes = {KysoException.class, ExceptionHandler.class})
public class KysoExceptionHandler implements ExceptionHandler<KysoException, HttpResponse<Problem>> {
    private static final Logger LOG = LoggerFactory.getLogger(KysoExceptionHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, KysoException exception) {
        Problem problem = exception.problem();
        if (problem.status() >= 500) {
            LOG.warn("{} {} -> {} {}", request.getMethod(), LoggedPaths.redact(request.getPath()), problem.status(),
                    problem.code(), exception);
        } else {
            LOG.info("{} {} -> {} {}", request.getMethod(), LoggedPaths.redact(request.getPath()), problem.status(),
                    problem.code());
        }
        return ProblemResponses.of(problem);
    }
}
