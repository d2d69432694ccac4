package io.kyso.client;

import java.time.Instant;
import java.util.UUID;

/**
 * Kyso invited a citizen to enroll an authenticator app: the invitation went to the citizen
 * through their own channel ({@code SMS} or {@code EMAIL}), never to the portal.
 *
 * @param sentVia   the channel the invitation went through
 * @param expiresAt until when its link works
 */
public record AuthenticatorInvitation(UUID citizenId, String sentVia, Instant expiresAt) {
}
