package io.kyso.signer.identity;

import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;

/**
 * The identity provider could not be reached ({@code identity.unavailable}, 503: try again) or its
 * answer is not a valid proof ({@code identity.failed}, 400). The detail never holds a token.
 */
public class IdentityException extends KysoException {

    IdentityException(ErrorCode code, String detail, Throwable cause) {
        super(io.kyso.signer.problem.Problem.of(code, detail), cause);
    }

    static IdentityException unavailable(String what, Throwable cause) {
        return new IdentityException(ErrorCode.IDENTITY_UNAVAILABLE, "The identity provider could not be reached ("
                + what + "). Try again in a moment.", cause);
    }

    static IdentityException failed(String why, Throwable cause) {
        return new IdentityException(ErrorCode.IDENTITY_FAILED, "The identity provider's answer is not valid: " + why,
                cause);
    }
}
