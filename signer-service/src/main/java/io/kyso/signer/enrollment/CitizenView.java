package io.kyso.signer.enrollment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kyso.hsm.KeySpec;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/** A citizen as the API shows it: never a key, only the certificate. */
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
        Instant createdAt) {

    static CitizenView of(Citizen c) {
        return new CitizenView(c.id(), c.nationalId(), c.fullName(), c.phone(), c.email(), c.keyAlgorithm(),
                c.certificatePem(), c.createdAt());
    }
}
