package io.kyso.client;

/**
 * Where a citizen's signing credential stands. Kyso enrolls it {@code PENDING_ACTIVATION}: it signs
 * nothing until the citizen activates it on Kyso's page (hand them {@link Citizen#activationUrl()});
 * {@code REVOKED} by the portal, or suspended by the citizen on their own page, it never signs again.
 */
public enum CredentialStatus {
    PENDING_ACTIVATION,
    ACTIVE,
    REVOKED
}
