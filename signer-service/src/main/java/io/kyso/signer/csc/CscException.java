package io.kyso.signer.csc;

/**
 * A refusal of the CSC API or its authorization server, answered as the specifications have it:
 * {@code {"error": …, "error_description": …}} with the HTTP status that goes with the error
 * (CSC API v2 §10; RFC 6749 §5.2; RFC 6750 §3.1). The description names the parameter at fault and
 * never echoes a token, a code or a hash value the caller did not already know.
 */
public class CscException extends RuntimeException {
    private final String error;
    private final int status;

    public CscException(int status, String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
    }

    /** 400 {@code invalid_request}: a parameter is missing, malformed or not acceptable. */
    public static CscException invalidRequest(String description) {
        return new CscException(400, "invalid_request", description);
    }

    /** 401 {@code invalid_token}: the access token is missing, unknown, expired or revoked. */
    public static CscException invalidToken(String description) {
        return new CscException(401, "invalid_token", description);
    }

    /** 403 {@code insufficient_scope}: the token's scope does not allow this call. */
    public static CscException insufficientScope(String description) {
        return new CscException(403, "insufficient_scope", description);
    }

    /** 503 {@code temporarily_unavailable}: the HSM or the database is down; nothing was changed. */
    public static CscException unavailable(String description) {
        return new CscException(503, "temporarily_unavailable", description);
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    public int status() {
        return status;
    }
}
