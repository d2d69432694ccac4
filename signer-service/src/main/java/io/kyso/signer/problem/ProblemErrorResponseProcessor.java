package io.kyso.signer.problem;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.stream.Collectors;

/**
 * Renders the framework's own errors (no route, bad JSON, body too large, unexpected exceptions)
 * as problems too, so every error of the API has one shape. A 5xx body never carries the
 * exception's message: it gets a reference that is also in the log.
 */
@Primary
@Singleton
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);
    private final long maxRequestSize;

    public ProblemErrorResponseProcessor(HttpServerConfiguration server) {
        this.maxRequestSize = server.getMaxRequestSize();
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        ErrorCode code = codeFor(status);
        String detail;
        if (status.getCode() >= 500) {
            String ref = ErrorReference.next();
            LOG.error("{} {} -> {} [ref {}]", context.getRequest().getMethod(),
                    LoggedPaths.redact(context.getRequest().getPath()),
                    status.getCode(), ref, context.getRootCause().orElse(null));
            detail = "An unexpected error occurred. Reference: " + ref;
        } else {
            detail = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
            if (detail.isBlank()) {
                detail = code.title();
            }
        }
        Problem problem = Problem.of(code, detail);
        if (status == HttpStatus.BAD_REQUEST) {
            problem = context.getRootCause().flatMap(UnknownField::problemOf).orElse(problem);
        }
        if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
            problem = problem.withLimitBytes(maxRequestSize);
        }
        return response.contentType(Problem.MEDIA_TYPE).body(problem);
    }

    private static ErrorCode codeFor(HttpStatus status) {
        return switch (status.getCode()) {
            case 400, 422 -> ErrorCode.REQUEST_MALFORMED;
            case 401 -> ErrorCode.AUTH_REQUIRED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.REQUEST_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> ErrorCode.INTERNAL;
        };
    }
}
