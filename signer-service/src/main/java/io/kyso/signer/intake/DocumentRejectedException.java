package io.kyso.signer.intake;

import io.kyso.signer.problem.ErrorCode;

/** Raised by an inspector when a document cannot be accepted for signing; says why in plain words. */
public class DocumentRejectedException extends Exception {
    private final ErrorCode code;

    public DocumentRejectedException(ErrorCode code, String reason) {
        super(reason);
        this.code = code;
    }

    public DocumentRejectedException(ErrorCode code, String reason, Throwable cause) {
        super(reason, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
