package io.kyso.client;

import java.util.UUID;

/** Citizens' signing identities: a key pair in Kyso's HSM and its certificate. */
public interface Citizens {

    /**
     * Enrolls a citizen the portal has already identified. The credential signs nothing until the
     * citizen activates it: send them to {@link Citizen#activationUrl()} (Kyso sends them the
     * codes the page asks for). Throws {@link KysoApiException} with {@code citizen.already_enrolled}
     * (409) if this portal enrolled the national ID before.
     */
    Citizen enroll(EnrollCitizen citizen);

    /** The citizen and their certificate; {@code citizen.not_found} (404) if not this portal's. */
    Citizen get(UUID citizenId);

    /**
     * A new activation link for a credential the citizen has not activated yet (the earlier link stops
     * working; Kyso sends the citizen new codes). {@code credential.already_active} (409) once active.
     */
    Citizen renewActivation(UUID citizenId);

    /**
     * Asks Kyso to invite the citizen to enroll an authenticator app: the invitation goes to the
     * citizen through their own channel, never to the portal. {@code credential.not_activated} (409)
     * before the citizen activated their credential.
     */
    AuthenticatorInvitation inviteAuthenticator(UUID citizenId);
}
