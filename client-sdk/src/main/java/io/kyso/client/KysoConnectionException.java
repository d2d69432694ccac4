package io.kyso.client;

/**
 * Kyso could not be reached, or the connection broke, on every attempt the retry policy allowed
 * (or on the only attempt of a call that could not be retried). Whether a POST took effect is
 * unknown: call it again with the same idempotency key to find out without doing it twice.
 */
public class KysoConnectionException extends KysoException {
    private final int attempts;

    public KysoConnectionException(String message, int attempts, Throwable cause) {
        super(message + " (" + attempts + " attempt" + (attempts == 1 ? "" : "s") + ")", cause);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }
}
