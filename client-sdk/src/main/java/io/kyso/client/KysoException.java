package io.kyso.client;

/**
 * Any failure of a Kyso call. The subclass says what happened: {@link KysoApiException} (Kyso
 * answered with a problem), {@link KysoConnectionException} (Kyso could not be reached),
 * {@link KysoTimeoutException} (a wait ran out), {@link KysoIntegrityException} (a download does not
 * match its digest). Messages never carry the API key or document content.
 */
public class KysoException extends RuntimeException {

    public KysoException(String message) {
        super(message);
    }

    public KysoException(String message, Throwable cause) {
        super(message, cause);
    }
}
