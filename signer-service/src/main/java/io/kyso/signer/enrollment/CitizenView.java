package io.kyso.signer.enrollment;

import io.kyso.signer.delivery.OtpChannel;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.kyso.hsm.KeySpec;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/**
 * A citizen as the API shows it: never a key or an authenticator seed, only the certificate, the
 * chosen code channel and whether an authenticator app is enrolled.
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
        OtpChannel otpChannel,
        boolean totpEnrolled) {

    static CitizenView of(Citizen c) {
        return new CitizenView(c.id(), c.nationalId(), c.fullName(), c.phone(), c.email(), c.keyAlgorithm(),
                c.certificatePem(), c.createdAt(), c.otpChannel(), c.totpEnrolled());
    }
}
