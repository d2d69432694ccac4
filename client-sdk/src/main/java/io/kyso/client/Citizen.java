package io.kyso.client;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An enrolled citizen.
 *
 * @param certificatePem      the citizen's signing certificate, PEM
 * @param email               null when none was given
 * @param credentialStatus    whether the credential can sign: only once the citizen activated it
 * @param activationUrl       in the answer of an enrollment or of a new activation link only: the
 *                            page where the citizen activates the credential; send the citizen there
 * @param activationExpiresAt until when that link works
 */
public record Citizen(UUID id, String nationalId, String fullName, String phone, String email,
                      KeyAlgorithm keyAlgorithm, String certificatePem, Instant createdAt,
                      CredentialStatus credentialStatus, URI activationUrl, Instant activationExpiresAt) {

    /** The activation page, when this answer carries one. */
    public Optional<URI> activation() {
        return Optional.ofNullable(activationUrl);
    }
}
