package io.kyso.signer.enrollment;

import java.time.Instant;

/**
 * The page where a citizen activates their credential ({@code /a/<token>}, 256 random bits, kept
 * as its SHA-256 only), and until when it works. The portal may hand it to the citizen: on its own
 * it activates nothing, since the page asks for the codes Kyso sent to the citizen's phone (and
 * email).
 */
public record ActivationLink(String activationUrl, Instant expiresAt) {
    @Override
    public String toString() {
        return "ActivationLink[(secret), expiresAt=" + expiresAt + "]";
    }
}
