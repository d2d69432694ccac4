package io.kyso.signer.enrollment;

import io.kyso.signer.pki.Revocation;
import io.kyso.signer.pki.RevocationReason;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;

/** A citizen's credential is revoked: nothing is signed with its key any more (409 {@code credential.revoked}). */
public class CredentialRevokedException extends KysoException {

    private final transient Revocation revocation;

    public CredentialRevokedException(Revocation revocation) {
        super(ErrorCode.CREDENTIAL_REVOKED, "The signing credential (certificate " + revocation.serial().toString(16)
                + ") was revoked at " + revocation.revokedAt() + " (" + RevocationReason.of(revocation.reasonCode())
                + "); nothing more is signed with it.");
        this.revocation = revocation;
    }

    /** When and why the credential was revoked. */
    public Revocation revocation() {
        return revocation;
    }
}
