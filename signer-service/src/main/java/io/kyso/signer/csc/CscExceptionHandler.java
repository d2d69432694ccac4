package io.kyso.signer.csc;

import io.kyso.signer.problem.LoggedPaths;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a {@link CscException} with the specifications' JSON error, not Kyso's problem+json: CSC
 * clients read {@code error} and {@code error_description}. Token errors carry the
 * {@code WWW-Authenticate: Bearer} challenge of RFC 6750, and no answer is cached.
 */
@Singleton
public class CscExceptionHandler implements ExceptionHandler<CscException, HttpResponse<CscErrorBody>> {
    private static final Logger LOG = LoggerFactory.getLogger(CscExceptionHandler.class);

    @Override
    public HttpResponse<CscErrorBody> handle(HttpRequest request, CscException exception) {
        LOG.info("{} {} -> {} {}", request.getMethod(), LoggedPaths.redact(request.getPath()), exception.status(),
                exception.error());
        return answer(exception);
    }

    /** The error answer for {@code exception}. */
    public static MutableHttpResponse<CscErrorBody> answer(CscException exception) {
        MutableHttpResponse<CscErrorBody> response = HttpResponse.<CscErrorBody>status(HttpStatus.valueOf(exception.status()))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new CscErrorBody(exception.error(), exception.description()));
        if ("invalid_client".equals(exception.error())) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"kyso-csc\"");
        } else if (exception.status() == 401 || exception.status() == 403) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"kyso-csc\", error=\"" + exception.error() + "\"");
        }
        return response;
    }
}
