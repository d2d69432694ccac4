package io.kyso.client;

/** A wait for a final state ran out; {@link #lastSeen()} is the request as it last was. */
public class KysoTimeoutException extends KysoException {
    private final transient SigningRequest lastSeen;

    public KysoTimeoutException(String message, SigningRequest lastSeen) {
        super(message);
        this.lastSeen = lastSeen;
    }

    public SigningRequest lastSeen() {
        return lastSeen;
    }
}
