package io.kyso.signer.enrollment;

import io.kyso.signer.delivery.OtpChannel;
import io.kyso.hsm.KeySpec;
import io.kyso.signer.audit.Actor;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;

import java.time.Instant;
import java.util.UUID;

/**
 * An enrolled citizen of one portal, with their key (wrapped under the HSM's wrapping key, or, for
 * citizens enrolled before keys were wrapped, stored in the token under {@code keyAlias}) and how
 * they receive codes. The authenticator seed is not part of it: only {@code totpEnrolled} says one exists.
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
        CitizenKey wrappedKey) {

    public Actor actor() {
        return Actor.citizen(id);
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
