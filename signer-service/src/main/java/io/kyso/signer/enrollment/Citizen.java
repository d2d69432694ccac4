package io.kyso.signer.enrollment;

import io.kyso.signer.delivery.CodeChannel;
import io.kyso.hsm.KeySpec;

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
        CodeChannel otpChannel,
        boolean totpEnrolled,
        CitizenKey wrappedKey) {

    public String actor() {
        return "citizen:" + id;
    }
}
