package io.kyso.signer.idempotency;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The idempotency key a call runs under, kept on the HTTP request it serves (which the framework
 * carries across its executor hops), so that the call's own transaction can write the answer next
 * to its effect.
 */
record IdempotencyScope(String portalId, String key, String requestHash, AtomicBoolean answered) {
    private static final String ATTRIBUTE = IdempotencyScope.class.getName();

    IdempotencyScope(String portalId, String key, String requestHash) {
        this(portalId, key, requestHash, new AtomicBoolean());
    }

    /** The scope of the request being served, if it runs under a key. */
    static Optional<IdempotencyScope> current() {
        return ServerRequestContext.currentRequest().flatMap(r -> r.getAttribute(ATTRIBUTE, IdempotencyScope.class));
    }

    /** Runs {@code work} with this scope on the request being served. */
    <T> T run(Supplier<T> work) {
        Optional<HttpRequest<Object>> request = ServerRequestContext.currentRequest();
        request.ifPresent(r -> r.setAttribute(ATTRIBUTE, this));
        try {
            return work.get();
        } finally {
            request.ifPresent(r -> r.removeAttribute(ATTRIBUTE, IdempotencyScope.class));
        }
    }
}
