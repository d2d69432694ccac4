package io.kyso.client;

import java.time.Instant;
import java.util.UUID;

/**
 * An enrolled citizen.
 *
 * @param certificatePem the citizen's signing certificate, PEM
 * @param email          null when none was given
 */
public record Citizen(UUID id, String nationalId, String fullName, String phone, String email,
                      KeyAlgorithm keyAlgorithm, String certificatePem, Instant createdAt) {
}
