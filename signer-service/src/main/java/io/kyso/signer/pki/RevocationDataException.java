package io.kyso.signer.pki;

import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;

/**
 * Revocation data for a certificate could not be had: a long-term signature is not to be made
 * without it (never a lower level silently). Both kinds are the CA's services' fault; retry later.
 */
public abstract sealed class RevocationDataException extends KysoException
        permits RevocationDataException.Unavailable, RevocationDataException.Invalid {

    RevocationDataException(ErrorCode code, String detail, Throwable cause) {
        super(Problem.of(code, detail).withRetryAfter(30), cause);
    }

    /**
     * Data that was fetched and checked but cannot back a long-term signature: the certificate's
     * status is unknown to its CA (502, worth a retry: a new certificate may not be published yet).
     */
    public static RevocationDataException unusable(String detail) {
        return new Invalid(detail, null);
    }

    /** No answer from the responder or the CRL's server in time, or an HTTP error (503). */
    public static final class Unavailable extends RevocationDataException {
        Unavailable(String detail, Throwable cause) {
            super(ErrorCode.REVOCATION_DATA_UNAVAILABLE, detail, cause);
        }
    }

    /** An answer that cannot be used: malformed, unsigned by the CA, stale, about another certificate (502). */
    public static final class Invalid extends RevocationDataException {
        Invalid(String detail, Throwable cause) {
            super(ErrorCode.REVOCATION_DATA_INVALID, detail, cause);
        }
    }
}
