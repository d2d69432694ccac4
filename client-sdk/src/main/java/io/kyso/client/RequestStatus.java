package io.kyso.client;

/** Where a signing request stands; the last six are final. */
public enum RequestStatus {
    AWAITING_CONFIRMATION,
    SIGNING,
    SIGNED,
    PARTIALLY_SIGNED,
    REJECTED,
    EXPIRED,
    LOCKED,
    FAILED;

    /** True once the request can no longer change: Kyso calls the portal back at this point. */
    public boolean isFinal() {
        return this != AWAITING_CONFIRMATION && this != SIGNING;
    }
}
