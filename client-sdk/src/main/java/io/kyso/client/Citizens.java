package io.kyso.client;

import java.util.UUID;

/** Citizens' signing identities: a key pair in Kyso's HSM and its certificate. */
public interface Citizens {

    /**
     * Enrolls a citizen the portal has already identified. Throws {@link KysoApiException} with
     * {@code citizen.already_enrolled} (409) if this portal enrolled the national ID before.
     */
    Citizen enroll(EnrollCitizen citizen);

    /** The citizen and their certificate; {@code citizen.not_found} (404) if not this portal's. */
    Citizen get(UUID citizenId);
}
