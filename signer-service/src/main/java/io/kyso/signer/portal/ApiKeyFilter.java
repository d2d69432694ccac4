package io.kyso.signer.portal;

import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.Problem;
import io.kyso.signer.problem.ProblemResponses;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.core.annotation.Nullable;

import java.util.Optional;

/**
 * Authenticates portals on {@code /api/**} with {@code Authorization: Bearer <api key>} and puts
 * the {@link Portal} on the request, where controllers receive it as a parameter.
 */
@ServerFilter("/api/**")
public class ApiKeyFilter {
    static final String ATTRIBUTE = "kyso.portal";
    private static final String BEARER = "Bearer ";

    private final PortalDirectory directory;

    public ApiKeyFilter(PortalDirectory directory) {
        this.directory = directory;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public MutableHttpResponse<Problem> authenticate(HttpRequest<?> request) {
        Optional<String> header = request.getHeaders().findFirst(HttpHeaders.AUTHORIZATION);
        if (header.isEmpty() || !header.get().startsWith(BEARER) || header.get().length() == BEARER.length()) {
            return unauthorized(ErrorCode.AUTH_REQUIRED, "Send the portal's API key as 'Authorization: Bearer <key>'.");
        }
        Optional<Portal> portal = directory.findByApiKey(header.get().substring(BEARER.length()).trim());
        if (portal.isEmpty()) {
            return unauthorized(ErrorCode.AUTH_INVALID, "The API key is not known to Kyso.");
        }
        request.setAttribute(ATTRIBUTE, portal.get());
        return null;
    }

    private static MutableHttpResponse<Problem> unauthorized(ErrorCode code, String detail) {
        return ProblemResponses.of(Problem.of(code, detail)).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"kyso\"");
    }
}
