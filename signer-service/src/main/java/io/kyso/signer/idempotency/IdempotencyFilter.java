package io.kyso.signer.idempotency;

import io.kyso.signer.portal.ApiKeyFilter;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code Idempotency-Key} for the JSON POSTs marked {@link Idempotent}: the request is fingerprinted
 * from its method, path and buffered body, and the rest of the chain (the controller) runs through
 * {@link IdempotentExecution}. Runs after {@link ApiKeyFilter}, since keys belong to a portal.
 */
@Idempotent
@ServerFilter("/api/**")
@Order(IdempotencyFilter.ORDER)
public class IdempotencyFilter {
    /** After {@link ApiKeyFilter#ORDER}. */
    static final int ORDER = ApiKeyFilter.ORDER + 10;

    private final IdempotentExecution execution;
    private final RequestFingerprints fingerprints;

    public IdempotencyFilter(IdempotentExecution execution, RequestFingerprints fingerprints) {
        this.execution = execution;
        this.fingerprints = fingerprints;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public MutableHttpResponse<?> filter(HttpRequest<?> request, @Nullable @Header(IdempotentExecution.HEADER) String key,
                                         @Nullable @Body byte[] body, FilterContinuation<MutableHttpResponse<?>> next) {
        Portal portal = ApiKeyFilter.authenticated(request).orElse(null);
        if (key == null || portal == null) {
            return next.proceed();
        }
        RequestFingerprint.Fingerprint fingerprint = fingerprints.start(request.getMethodName(), request.getPath())
                .add(body == null ? new byte[0] : body).finish();
        try {
            return execution.run(portal, key, fingerprint, next::proceed);
        } catch (KysoException e) {
            return ProblemResponses.of(e.problem());
        }
    }
}
