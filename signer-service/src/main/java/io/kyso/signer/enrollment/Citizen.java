package io.kyso.signer.enrollment;

import io.kyso.hsm.KeySpec;

import java.time.Instant;
import java.util.UUID;

/**
 * An enrolled citizen of one portal, with the alias of their key in the HSM and how they receive
 * codes. The authenticator seed is not part of it: only {@code totpEnrolled} says one exists.
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
        boolean totpEnrolled) {

    public String actor() {
        return "citizen:" + id;
    }
}
