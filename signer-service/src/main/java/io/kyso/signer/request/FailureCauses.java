package io.kyso.signer.request;

import io.kyso.signer.problem.KysoException;

import java.util.Optional;

/**
 * The libraries that build long-term signatures (iText, EU DSS) call the service's sources from deep
 * inside and may wrap what those throw. The original problem, which says whose fault it is (the
 * timestamping authority's, a CA's) and what to answer, is what matters: it is found among the causes.
 */
public final class FailureCauses {
    private FailureCauses() {
    }

    /** The first {@link KysoException} in {@code failure}'s chain of causes, itself included. */
    public static Optional<KysoException> problemIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KysoException kyso) {
                return Optional.of(kyso);
            }
        }
        return Optional.empty();
    }
}
