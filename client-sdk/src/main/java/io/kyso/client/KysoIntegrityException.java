package io.kyso.client;

/** A downloaded document's SHA-256 differs from the one Kyso reported for it; the file was not kept. */
public class KysoIntegrityException extends KysoException {

    public KysoIntegrityException(String message) {
        super(message);
    }
}
