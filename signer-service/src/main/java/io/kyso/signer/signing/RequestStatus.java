package io.kyso.signer.signing;

/**
 * The life of a signing request.
 *
 * <pre>
 * AWAITING_CONFIRMATION ──right code──▶ SIGNING ──all documents signed──▶ SIGNED
 *   │  │  │                               │
 *   │  │  └─5 wrong codes─▶ LOCKED        └─HSM unavailable─▶ back to AWAITING_CONFIRMATION
 *   │  └─rejected─▶ REJECTED                                   (same code, retry)
 *   └─past expiresAt─▶ EXPIRED            any other failure ─▶ FAILED
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
