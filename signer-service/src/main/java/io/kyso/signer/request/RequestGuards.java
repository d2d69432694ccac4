package io.kyso.signer.request;

import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;

/** Turns a request that does not await confirmation into the error that says why, in plain words. */
public final class RequestGuards {
    private RequestGuards() {
    }

    public static void requireAwaiting(SigningRequest request) {
        switch (request.status()) {
            case AWAITING_CONFIRMATION -> {
            }
            case SIGNING, SIGNED, PARTIALLY_SIGNED -> throw new KysoException(ErrorCode.REQUEST_ALREADY_CONFIRMED,
                    "This request was already confirmed" + (request.status() == RequestStatus.SIGNING
                            ? " and is being signed." : "; its documents are signed."));
            case LOCKED -> throw new KysoException(ErrorCode.REQUEST_LOCKED,
                    "This request is locked after too many wrong codes. The portal must send a new request.");
            case EXPIRED -> throw new KysoException(ErrorCode.REQUEST_EXPIRED,
                    "This request expired at " + request.expiresAt() + " without confirmation.");
            case REJECTED -> throw new KysoException(ErrorCode.REQUEST_NOT_AWAITING,
                    "This request was rejected by the citizen.");
            case FAILED -> throw new KysoException(ErrorCode.REQUEST_NOT_AWAITING,
                    "Signing this request failed; the portal must send a new request.");
        }
    }
}
