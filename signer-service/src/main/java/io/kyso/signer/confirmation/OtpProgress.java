package io.kyso.signer.confirmation;

import io.kyso.signer.request.ConfirmationProgress;
import io.kyso.signer.request.SigningRequest;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;

/** Attempts left before an awaiting request locks: the configured limit less its wrong codes. */
@Singleton
public class OtpProgress implements ConfirmationProgress {
    private final OtpStates otps;
    private final OtpConfiguration config;

    public OtpProgress(OtpStates otps, OtpConfiguration config) {
        this.otps = otps;
        this.config = config;
    }

    @Override
    public int attemptsLeft(Connection c, SigningRequest request) throws SQLException {
        int failed = otps.find(c, request.id()).map(OtpStates.OtpState::failedAttempts).orElse(0);
        return config.maxAttempts() - failed;
    }
}
