package io.kyso.signer.pki;

import io.kyso.hsm.DigestSigner;
import io.kyso.hsm.KeySpec;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.persistence.Jdbc;
import jakarta.inject.Singleton;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps revoked serials in the database and issues the CRLs: the issuing CA's (citizens) and the
 * root's (CA certificates). The OCSP responder reads the same rows. A CRL is reissued once it is
 * older than {@link #REISSUE_AFTER}, or as soon as the number of revocations in the database
 * changed (a revocation made through any instance shows on every instance's next CRL); each is
 * valid for a day. Reissuing often matters: validators refuse a CRL issued before the certificate
 * they check (EU DSS: "revocation data issued before the certificate's issuance time"), and
 * certificates are backdated by only five minutes.
 */
@Singleton
public class RevocationList {
    private static final Duration REISSUE_AFTER = Duration.ofMinutes(1);
    private static final Duration VALIDITY = Duration.ofDays(1);

    private final Database database;
    private final Clock clock;
    private final Map<Boolean, Issued> cache = new HashMap<>();

    private record Issued(byte[] der, Instant at, long revocations) {
    }

    public RevocationList(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Revokes {@code serial} now, in a transaction of its own. */
    public void revoke(BigInteger serial, int reasonCode) {
        database.inTransaction(connection -> {
            revoke(connection, serial, reasonCode, clock.instant().truncatedTo(ChronoUnit.SECONDS));
            return null;
        });
    }

    /**
     * Records the revocation of {@code serial} in the caller's transaction (with its audit entry).
     *
     * @throws SQLException a unique violation if it is already revoked
     */
    public void revoke(Connection connection, BigInteger serial, int reasonCode, Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO certificate_revocation (serial, revoked_at, reason) VALUES (?, ?, ?)")) {
            insert.setString(1, serial.toString(16));
            Jdbc.setInstant(insert, 2, at);
            insert.setInt(3, reasonCode);
            insert.executeUpdate();
        }
    }

    /** The revocation of {@code serial}, if it is revoked. */
    public Optional<Revocation> find(BigInteger serial) {
        return database.read(connection -> find(connection, serial));
    }

    public Optional<Revocation> find(Connection connection, BigInteger serial) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT revoked_at, reason FROM certificate_revocation WHERE serial = ?")) {
            select.setString(1, serial.toString(16));
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new Revocation(serial, Jdbc.getInstant(rs, "revoked_at"), rs.getInt("reason")))
                        : Optional.empty();
            }
        }
    }

    /**
     * The current CRL of {@code issuer}; {@code listsCitizens} says whether it is the issuing CA's
     * (with the revoked certificates) or the root's (no CA revoked yet).
     */
    synchronized byte[] currentCrl(X509Certificate issuer, DigestSigner issuerKey, KeySpec issuerSpec,
                                   boolean listsCitizens) {
        Instant now = clock.instant();
        long revocations = listsCitizens ? database.read(RevocationList::count) : 0;
        Issued issued = cache.get(listsCitizens);
        if (issued == null || issued.at().plus(REISSUE_AFTER).isBefore(now) || issued.revocations() != revocations) {
            issued = new Issued(issue(issuer, issuerKey, issuerSpec, now, listsCitizens), now, revocations);
            cache.put(listsCitizens, issued);
        }
        return issued.der().clone();
    }

    private static long count(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM certificate_revocation");
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private byte[] issue(X509Certificate issuer, DigestSigner issuerKey, KeySpec issuerSpec, Instant now,
                         boolean listsCitizens) {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), Date.from(now));
        builder.setNextUpdate(Date.from(now.plus(VALIDITY)));
        if (listsCitizens) {
            addRevoked(builder);
        }
        try {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.toEpochMilli())));
            return builder.build(new HsmContentSigner(issuerKey, issuerSpec)).getEncoded();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue the CRL", e);
        }
    }

    private void addRevoked(X509v2CRLBuilder builder) {
        database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT serial, revoked_at, reason FROM certificate_revocation");
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    builder.addCRLEntry(new BigInteger(rs.getString("serial"), 16),
                            Date.from(Jdbc.getInstant(rs, "revoked_at")), rs.getInt("reason"));
                }
            }
            return null;
        });
    }
}
