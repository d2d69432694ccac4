package io.kyso.signer.csc;

/**
 * Where a credential authorization stands. Pushed: the portal sent it to {@code oauth2/pushed_authorize}
 * and has not yet sent the citizen to it. Awaiting: the citizen's page is open and a code was sent.
 * Confirmed: the citizen entered the code; an authorization code waits for the portal. Exchanged:
 * the portal holds the credential token (the SAD). Rejected, locked (too many wrong codes) and
 * expired are final.
 */
public enum AuthorizationStatus {
    PUSHED, AWAITING_CONFIRMATION, CONFIRMED, EXCHANGED, REJECTED, LOCKED, EXPIRED;

    /** Whether the citizen may still confirm or reject it. */
    public boolean awaitsCitizen() {
        return this == AWAITING_CONFIRMATION;
    }
}
