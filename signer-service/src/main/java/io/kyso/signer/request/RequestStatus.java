package io.kyso.signer.request;

/**
 * The life of a signing request.
 *
 * <pre>
 * AWAITING_CONFIRMATION ──right code──▶ SIGNING ──approved documents signed──▶ SIGNED, or
 *   │  │  │                               │                                   PARTIALLY_SIGNED when
 *   │  │  │                               │                                   the citizen unticked some
 *   │  │  └─5 wrong codes─▶ LOCKED        └─HSM unavailable─▶ back to AWAITING_CONFIRMATION
 *   │  └─rejected (or right code with                         (same code, choice undone)
 *   │    nothing approved)─▶ REJECTED      any other failure ─▶ FAILED
 *   └─past expiresAt─▶ EXPIRED
 * </pre>
 */
public enum RequestStatus {
    AWAITING_CONFIRMATION,
    SIGNING,
    SIGNED,
    PARTIALLY_SIGNED,
    REJECTED,
    EXPIRED,
    LOCKED,
    FAILED;

    public boolean isFinal() {
        return this != AWAITING_CONFIRMATION && this != SIGNING;
    }
}
