package io.kyso.signer.enrollment;

import io.kyso.signer.delivery.OtpChannel;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.kyso.hsm.KeySpec;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/**
 * A citizen as the API shows it: never a key, an authenticator seed or a code, only the
 * certificate, the credential's state, the chosen code channel, whether the email is proven and
 * whether an authenticator app is enrolled. The activation link appears only in the answer that
 * made it (enrollment, or a new link): the portal hands it to the citizen, and it is worth nothing
 * without the codes Kyso sends the citizen.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CitizenView(
        UUID id,
        String nationalId,
        String fullName,
        String phone,
        String email,
        KeySpec keyAlgorithm,
        String certificate,
        Instant createdAt,
        CredentialState credentialStatus,
        OtpChannel otpChannel,
        boolean emailVerified,
        boolean totpEnrolled,
        @Nullable String activationUrl,
        @Nullable Instant activationExpiresAt) {

    static CitizenView of(Citizen c) {
        return of(c, null);
    }

    static CitizenView of(Citizen c, @Nullable ActivationLink link) {
        return new CitizenView(c.id(), c.nationalId(), c.fullName(), c.phone(), c.email(), c.keyAlgorithm(),
                c.certificatePem(), c.createdAt(), c.credentialState(), c.otpChannel(), c.emailVerified(),
                c.totpEnrolled(), link == null ? null : link.activationUrl(), link == null ? null : link.expiresAt());
    }
}
