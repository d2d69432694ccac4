package io.kyso.hsm;

/** A wrapped key the token refuses to unwrap: altered, truncated, or wrapped under another key. */
public class WrappedKeyInvalidException extends HsmException {
    public WrappedKeyInvalidException(String message, Throwable cause) {
        super(message, cause);
    }
}
