package io.kyso.signer.signing;

import io.kyso.signer.problem.KysoException;

/**
 * The libraries that build long-term signatures (iText, EU DSS) call Kyso's sources from deep
 * inside and may wrap what those throw; the original failure, which says whose fault it is (the
 * timestamping authority's, a CA's), is what callers must see.
 */
public final class LongTermFailures {
    private LongTermFailures() {
    }

    /** The first {@link KysoException} in {@code failure}'s chain of causes, if there is one. */
    public static java.util.Optional<KysoException> kysoCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof KysoException kyso) {
                return java.util.Optional.of(kyso);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return java.util.Optional.empty();
    }
}
