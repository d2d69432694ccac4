package io.kyso.signer.pki;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Citizens enrolled before serials were recorded keep working: the migration records their
 * certificates' serials, so the OCSP responder answers "good" for them rather than "unknown".
 */
class IssuedCertificatesMigrationTest {

    @Test
    void shouldRecordTheSerialsOfCitizensEnrolledBefore() throws Exception {
        String url = "jdbc:h2:mem:migration-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").target("7").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO portal (id, name, api_key_sha256, created_at) VALUES ('p', 'Cổng', '"
                    + "0".repeat(64) + "', CURRENT_TIMESTAMP)");
            s.executeUpdate("INSERT INTO citizen (id, portal_id, national_id, full_name, phone, key_algorithm, key_alias,"
                    + " certificate_pem, certificate_serial, created_at, otp_channel) VALUES (RANDOM_UUID(), 'p',"
                    + " '079099006101', 'Trần Văn Giàu', '+84901006101', 'EC_P256', 'citizen-old', 'pem',"
                    + " '4b59534f0001', CURRENT_TIMESTAMP, 'SMS')");
        }

        Flyway.configure().dataSource(url, "sa", "").load().migrate();

        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT serial, purpose FROM issued_certificate")) {
            assertTrue(rs.next());
            assertEquals("4b59534f0001", rs.getString("serial"));
            assertEquals("CITIZEN", rs.getString("purpose"));
        }
    }
}
