package io.kyso.signer.request;

import io.kyso.signer.persistence.Database;
import io.kyso.signer.support.PublicAddress;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;

/** Renders requests for the API with the service's public address and the confirmation's progress. */
@Singleton
public class SigningRequestViews {
    private final PublicAddress address;
    private final ConfirmationProgress progress;
    private final Database database;

    public SigningRequestViews(PublicAddress address, ConfirmationProgress progress, Database database) {
        this.address = address;
        this.progress = progress;
        this.database = database;
    }

    public SigningRequestView of(SigningRequest request) {
        return database.read(c -> of(c, request));
    }

    /** The view, read in the caller's transaction (the answer a call records with its effect). */
    public SigningRequestView of(Connection c, SigningRequest request) throws SQLException {
        Integer attemptsLeft = request.status() == RequestStatus.AWAITING_CONFIRMATION
                ? progress.attemptsLeft(c, request) : null;
        return SigningRequestView.of(request, address, attemptsLeft);
    }
}
