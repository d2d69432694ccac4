package io.kyso.hsm;

/** The token refused the user PIN. The PIN itself is never part of the message. */
public class PinIncorrectException extends HsmException {
    public PinIncorrectException(String message, Throwable cause) {
        super(message, cause);
    }
}
