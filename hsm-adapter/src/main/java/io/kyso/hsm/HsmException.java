package io.kyso.hsm;

/**
 * A failure of the token. The subclasses say whose fault it is: {@link TokenUnavailableException}
 * (the HSM is down or misconfigured, retry later), {@link PinIncorrectException} (configuration),
 * {@link KeyNotFoundException} (the caller named a key that is not there).
 *
 * <p>Messages never contain a PIN or key material.
 */
public class HsmException extends RuntimeException {
    public HsmException(String message) {
        super(message);
    }

    public HsmException(String message, Throwable cause) {
        super(message, cause);
    }
}
