package io.kyso.signer.audit;

import io.kyso.signer.persistence.Database;
import io.kyso.signer.persistence.DatabaseException;
import io.kyso.signer.persistence.Jdbc;
import io.kyso.verification.audit.AuditSealStatement;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The seals of the chains' heads ({@code audit_seal}): the full chain's and each portal's, made when
 * the head moved since its last seal, at most every {@code kyso.audit.seal-interval} in the
 * background, and at once for an export. A seal is the {@link AuditSealStatement} signed by the
 * service's seal with a timestamp inside ({@link SealSigner}). Two instances sealing the same head
 * keep one seal. Thread-safe.
 */
@Singleton
public class AuditSeals {
    private final Database database;
    private final SealSigner signer;
    private final Clock clock;

    public AuditSeals(Database database, SealSigner signer, Clock clock) {
        this.database = database;
        this.signer = signer;
        this.clock = clock;
    }

    /** A stored seal: its statement's bytes (what was signed) and the signature. */
    public record StoredSeal(byte[] statementBytes, byte[] signature) {
        public AuditSealStatement statement() {
            return AuditSealStatement.parse(statementBytes);
        }
    }

    /**
     * The seal of the chain's head as it is now: the latest seal if the head has not moved since, else
     * a new one. A head behind the latest seal is never sealed again (that would vouch for a chain cut
     * short): the latest seal is returned, and whoever checks it against the chain sees the cut.
     */
    public Optional<StoredSeal> sealHead(String chain, AuditRows.Head head) {
        if (head.seq() == 0) {
            return Optional.empty();
        }
        Optional<StoredSeal> latest = latest(chain);
        if (latest.isPresent() && latest.get().statement() != null && latest.get().statement().lastSeq() >= head.seq()) {
            return latest;
        }
        return Optional.of(seal(chain, head));
    }

    /** Seals every head that moved since its last seal: the full chain first, then each portal's. */
    void sealMovedHeads() {
        List<MovedHead> moved = database.read(c -> {
            List<MovedHead> heads = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT last_seq, last_hash FROM audit_head WHERE id = 1 AND last_seq > sealed_seq");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    heads.add(new MovedHead(AuditSealStatement.FULL_CHAIN, new AuditRows.Head(rs.getLong(1), rs.getString(2))));
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT portal_id, last_seq, last_hash FROM audit_portal_head WHERE last_seq > sealed_seq");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    heads.add(new MovedHead(AuditSealStatement.portalChain(rs.getString(1)),
                            new AuditRows.Head(rs.getLong(2), rs.getString(3))));
                }
            }
            return heads;
        });
        for (MovedHead head : moved) {
            seal(head.chain(), head.head());
        }
    }

    private record MovedHead(String chain, AuditRows.Head head) {
    }

    private StoredSeal seal(String chain, AuditRows.Head head) {
        AuditSealStatement statement = new AuditSealStatement(AuditSealStatement.FORMAT, chain, head.seq(), head.hash(),
                clock.instant());
        byte[] bytes = statement.toJson();
        StoredSeal seal = new StoredSeal(bytes, signer.sign(bytes));
        try {
            database.inTransaction(c -> {
                store(c, statement, seal);
                return null;
            });
        } catch (DatabaseException e) {
            // sealed by another instance meanwhile (one seal per chain and entry): that one stands
            return find(chain, head.seq()).orElseThrow(() -> e);
        }
        return seal;
    }

    private static void store(Connection c, AuditSealStatement statement, StoredSeal seal) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_seal (chain, last_seq, last_hash, sealed_at,"
                + " statement, signature) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, statement.chain());
            insert.setLong(2, statement.lastSeq());
            insert.setString(3, statement.lastHash());
            Jdbc.setInstant(insert, 4, statement.sealedAt());
            insert.setString(5, Base64.getEncoder().encodeToString(seal.statementBytes()));
            insert.setString(6, Base64.getEncoder().encodeToString(seal.signature()));
            insert.executeUpdate();
        }
        boolean full = AuditSealStatement.FULL_CHAIN.equals(statement.chain());
        try (PreparedStatement update = c.prepareStatement(full
                ? "UPDATE audit_head SET sealed_seq = GREATEST(sealed_seq, ?) WHERE id = 1"
                : "UPDATE audit_portal_head SET sealed_seq = GREATEST(sealed_seq, ?) WHERE portal_id = ?")) {
            update.setLong(1, statement.lastSeq());
            if (!full) {
                update.setString(2, statement.chain().substring("portal:".length()));
            }
            update.executeUpdate();
        }
    }

    /** The chain's latest seal (by the entry it covers), if any. */
    public Optional<StoredSeal> latest(String chain) {
        return query("SELECT statement, signature FROM audit_seal WHERE chain = ? ORDER BY last_seq DESC"
                + " FETCH FIRST 1 ROWS ONLY", chain, null);
    }

    private Optional<StoredSeal> find(String chain, long lastSeq) {
        return query("SELECT statement, signature FROM audit_seal WHERE chain = ? AND last_seq = ?", chain, lastSeq);
    }

    private Optional<StoredSeal> query(String sql, String chain, Long lastSeq) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, chain);
                if (lastSeq != null) {
                    s.setLong(2, lastSeq);
                }
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new StoredSeal(Base64.getDecoder().decode(rs.getString(1)),
                            Base64.getDecoder().decode(rs.getString(2)))) : Optional.<StoredSeal>empty();
                }
            }
        });
    }
}
