package io.kyso.signer.enrollment;

import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;

/** A citizen's credential may not sign now (not activated, expired, not yet valid): 409 {@code credential.unusable}. */
public class CredentialUnusableException extends KysoException {
    private final SigningCredentials.State state;

    public CredentialUnusableException(SigningCredentials.State state) {
        super(ErrorCode.CREDENTIAL_UNUSABLE, "The signing credential cannot sign now (" + state + ").");
        this.state = state;
    }

    public SigningCredentials.State state() {
        return state;
    }
}
