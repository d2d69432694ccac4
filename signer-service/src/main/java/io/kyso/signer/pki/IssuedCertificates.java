package io.kyso.signer.pki;

import io.kyso.signer.persistence.Database;
import io.kyso.signer.persistence.DatabaseException;
import io.kyso.signer.persistence.Jdbc;
import jakarta.inject.Singleton;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The serials of every certificate the issuing CA issued, so that the OCSP responder can tell a
 * certificate it issued ("good" unless revoked) from one it never did ("unknown"). A certificate
 * is recorded when it is issued, before its key is stored, in a transaction of its own: a key
 * whose storing then fails leaves a recorded, unused serial, never a used, unrecorded one.
 */
@Singleton
public class IssuedCertificates {
    private final Database database;
    private final Clock clock;

    public IssuedCertificates(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    void record(X509Certificate certificate, CertificatePurpose purpose) {
        database.inTransaction(connection -> {
            insert(connection, certificate, purpose);
            return null;
        });
    }

    /** Records a certificate issued before serials were recorded (the seal), once. */
    void recordIfAbsent(X509Certificate certificate, CertificatePurpose purpose) {
        if (database.read(connection -> isIssued(connection, certificate.getSerialNumber()))) {
            return;
        }
        try {
            record(certificate, purpose);
        } catch (DatabaseException e) {
            if (!e.isUniqueViolation()) { // another instance recorded it at the same moment
                throw e;
            }
        }
    }

    boolean isIssued(Connection connection, BigInteger serial) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM issued_certificate WHERE serial = ?")) {
            select.setString(1, serial.toString(16));
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void insert(Connection connection, X509Certificate certificate, CertificatePurpose purpose)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO issued_certificate (serial, purpose, issued_at, not_after) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, certificate.getSerialNumber().toString(16));
            insert.setString(2, purpose.name());
            Jdbc.setInstant(insert, 3, clock.instant());
            Jdbc.setInstant(insert, 4, certificate.getNotAfter().toInstant());
            insert.executeUpdate();
        }
    }
}
