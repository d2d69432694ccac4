package io.kyso.signer.page.confirmation;

/**
 * A page that cannot be previewed within {@link PreviewLimits}; the message says which limit, in
 * words for the log and the preview's header (never document content).
 */
public class PreviewUnavailableException extends Exception {
    public PreviewUnavailableException(String reason) {
        super(reason);
    }

    public PreviewUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
