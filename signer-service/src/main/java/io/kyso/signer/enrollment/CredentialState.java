package io.kyso.signer.enrollment;

/**
 * Where a citizen's credential is in its life. Enrolled by a portal, it waits for its citizen to
 * activate it on Kyso's page ({@code PENDING_ACTIVATION}); only an {@code ACTIVE} credential signs.
 * A revoked one ({@code REVOKED}: by its portal, or suspended by its citizen) never signs again.
 * Names are stored and part of the API: never rename one.
 */
public enum CredentialState {
    PENDING_ACTIVATION,
    ACTIVE,
    REVOKED
}
