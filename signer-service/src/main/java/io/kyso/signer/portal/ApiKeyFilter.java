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
import io.micronaut.core.annotation.Order;

import java.util.Optional;

/**
 * Authenticates portals on {@code /api/**} with {@code Authorization: Bearer <api key>} and puts
 * the {@link Portal} on the request, where controllers receive it as a parameter.
 */
@ServerFilter("/api/**")
@Order(ApiKeyFilter.ORDER)
public class ApiKeyFilter {
    /** First of Kyso's filters on the API: the others act for the portal it finds. */
    public static final int ORDER = 0;
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

    /** The portal this filter authenticated for {@code request}, if it did. */
    public static Optional<Portal> authenticated(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, Portal.class);
    }

    private static MutableHttpResponse<Problem> unauthorized(ErrorCode code, String detail) {
        return ProblemResponses.of(Problem.of(code, detail)).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"kyso\"");
    }
}
