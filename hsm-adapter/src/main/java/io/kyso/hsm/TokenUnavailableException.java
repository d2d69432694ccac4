package io.kyso.hsm;

/** The token cannot be reached: library missing, slot gone, device removed, session lost. */
public class TokenUnavailableException extends HsmException {
    public TokenUnavailableException(String message) {
        super(message);
    }

    public TokenUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
