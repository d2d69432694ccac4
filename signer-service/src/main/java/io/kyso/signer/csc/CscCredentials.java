package io.kyso.signer.csc;

import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.enrollment.CitizenRepository;
import io.kyso.signer.persistence.Database;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A portal's citizens' credentials as the CSC API names them: a credential's id is its citizen's
 * id, and a user is named by that id or by the citizen's national id (CCCD). Every lookup is scoped
 * to the portal: another portal's credential is not found, exactly like one that does not exist.
 */
@Singleton
public class CscCredentials {
    private final Database database;
    private final CitizenRepository citizens;

    public CscCredentials(Database database, CitizenRepository citizens) {
        this.database = database;
        this.citizens = citizens;
    }

    /** The portal's credential {@code credentialId}, if it has one. */
    public Optional<Citizen> find(String portalId, String credentialId) {
        Optional<UUID> id = uuid(credentialId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return database.read(c -> citizens.find(c, portalId, id.get()));
    }

    /** The credentials of the portal's user {@code userId} (citizen id or national id). */
    public List<Citizen> ofUser(String portalId, String userId) {
        Optional<UUID> id = uuid(userId);
        return database.read(c -> id.isPresent() ? citizens.find(c, portalId, id.get())
                : citizens.findByNationalId(c, portalId, userId)).stream().toList();
    }

    /** The portal's credentials, at most {@code limit}. */
    public List<Citizen> ofPortal(String portalId, int limit) {
        return database.read(c -> citizens.listByPortal(c, portalId, limit));
    }

    private static Optional<UUID> uuid(String value) {
        if (value == null || value.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
