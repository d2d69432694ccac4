package io.kyso.signer.timestamping;

import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;

/**
 * Timestamping failed; nothing is to be delivered without the timestamp (never a lower level
 * silently). Both kinds are the authority's fault and worth a retry later.
 */
public abstract sealed class TimestampException extends KysoException
        permits TimestampException.Unavailable, TimestampException.Invalid {

    TimestampException(ErrorCode code, String detail, Throwable cause) {
        super(Problem.of(code, detail).withRetryAfter(30), cause);
    }

    /** No answer: the authority is down, refuses connections, is too slow, or answers HTTP errors (503). */
    public static final class Unavailable extends TimestampException {
        Unavailable(String detail, Throwable cause) {
            super(ErrorCode.TIMESTAMP_UNAVAILABLE, detail, cause);
        }
    }

    /**
     * An answer that cannot be used: not a timestamp reply, a rejection, or a token that does not
     * match the request or does not verify (502).
     */
    public static final class Invalid extends TimestampException {
        Invalid(String detail, Throwable cause) {
            super(ErrorCode.TIMESTAMP_INVALID, detail, cause);
        }
    }
}
