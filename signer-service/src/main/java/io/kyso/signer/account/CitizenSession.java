package io.kyso.signer.account;

import java.time.Instant;

/**
 * A session of the citizen's own page: the phone it was opened for, and whether the code sent to
 * that phone was given ({@code verifiedAt}). Only a verified, unexpired session shows anything.
 */
public record CitizenSession(String tokenSha256, String phone, Instant expiresAt, Instant verifiedAt) {

    public boolean isOpenAt(Instant now) {
        return verifiedAt != null && now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "CitizenSession[verified=" + (verifiedAt != null) + ", expiresAt=" + expiresAt + "]";
    }
}
