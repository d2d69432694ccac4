package io.kyso.signer.enrollment;

import io.kyso.signer.delivery.OtpChannel;
import io.kyso.hsm.KeySpec;
import io.kyso.signer.audit.Actor;
import io.kyso.signer.factor.Recipient;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An enrolled citizen of one portal, with their key (wrapped under the HSM's wrapping key, or, for
 * citizens enrolled before keys were wrapped, stored in the token under {@code keyAlias}) and how
 * they receive codes. The authenticator seed is not part of it: only {@code totpEnrolled} says one exists.
 * Its phone is the citizen's once they activated the credential with a code sent to it; its email
 * once they proved it the same way ({@code emailVerified}): until then neither carries codes.
 */
public record Citizen(
        UUID id,
        String portalId,
        String nationalId,
        String fullName,
        String phone,
        String email,
        KeySpec keyAlgorithm,
        String keyAlias,
        String certificatePem,
        Instant blockedUntil,
        Instant createdAt,
        OtpChannel otpChannel,
        boolean totpEnrolled,
        CitizenKey wrappedKey,
        CredentialState credentialState,
        boolean emailVerified) {

    public Actor actor() {
        return Actor.citizen(id);
    }

    /**
     * Refuses a credential that cannot sign: not activated by its citizen yet (409
     * {@code credential.not_activated}), or revoked (409 {@code credential.revoked}).
     */
    public void requireActive() {
        switch (credentialState) {
            case ACTIVE -> {
            }
            case PENDING_ACTIVATION -> throw new KysoException(ErrorCode.CREDENTIAL_NOT_ACTIVATED,
                    "Citizen " + id + " has not activated their signing credential yet: hand them the activation link"
                            + " (POST /api/v1/citizens/{id}/activation gives a new one).");
            case REVOKED -> throw new KysoException(ErrorCode.CREDENTIAL_REVOKED,
                    "The signing credential of citizen " + id + " is revoked; nothing more is signed with it.");
        }
    }

    /**
     * Every channel that reaches the citizen, for notices: their phone, and their email once proven.
     */
    public List<Recipient> recipients() {
        List<Recipient> all = new ArrayList<>();
        all.add(Recipient.sms(phone));
        if (emailVerified && email != null) {
            all.add(Recipient.email(email));
        }
        return all;
    }

    /**
     * Where an invitation (a code proving a factor the citizen already holds) goes: their email if
     * they chose it and proved it, else their phone. Never an authenticator app.
     */
    public Recipient invitationRecipient() {
        return otpChannel == OtpChannel.EMAIL && emailVerified && email != null ? Recipient.email(email)
                : Recipient.sms(phone);
    }

    /**
     * Refuses new codes and confirmations for a citizen blocked after too many wrong codes across
     * requests (429-style, with the time to wait).
     */
    public void requireNotBlockedAt(Instant now) {
        if (blockedUntil != null && blockedUntil.isAfter(now)) {
            long seconds = java.time.Duration.between(now, blockedUntil).toSeconds() + 1;
            throw new KysoException(Problem.of(ErrorCode.CITIZEN_LOCKED,
                    "Too many wrong codes were entered for this citizen. Try again in " + (seconds / 60 + 1) + " minutes.")
                    .withRetryAfter(seconds));
        }
    }
}
