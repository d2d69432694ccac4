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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps revoked serials in the database and issues the CRLs: the issuing CA's (citizens) and the
 * root's (CA certificates). A CRL is reissued once it is older than {@link #REISSUE_AFTER}, or at
 * once after a revocation; each is valid for a day. Reissuing often matters: validators refuse a
 * CRL issued before the certificate they check (EU DSS: "revocation data issued before the
 * certificate's issuance time"), and certificates are backdated by only five minutes.
 */
@Singleton
public class RevocationList {
    private static final Duration REISSUE_AFTER = Duration.ofMinutes(1);
    private static final Duration VALIDITY = Duration.ofDays(1);

    private final Database database;
    private final Clock clock;
    private final Map<Boolean, Issued> cache = new HashMap<>();

    private record Issued(byte[] der, Instant at) {
    }

    public RevocationList(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public synchronized void revoke(BigInteger serial, int reasonCode) {
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO certificate_revocation (serial, revoked_at, reason) VALUES (?, ?, ?)")) {
                insert.setString(1, serial.toString(16));
                Jdbc.setInstant(insert, 2, clock.instant());
                insert.setInt(3, reasonCode);
                insert.executeUpdate();
            }
            return null;
        });
        cache.clear();
    }

    /**
     * The current CRL of {@code issuer}; {@code listsCitizens} says whether it is the issuing CA's
     * (with the revoked citizens) or the root's (no CA revoked yet).
     */
    synchronized byte[] currentCrl(X509Certificate issuer, DigestSigner issuerKey, KeySpec issuerSpec,
                                   boolean listsCitizens) {
        Instant now = clock.instant();
        Issued issued = cache.get(listsCitizens);
        if (issued == null || issued.at().plus(REISSUE_AFTER).isBefore(now)) {
            issued = new Issued(issue(issuer, issuerKey, issuerSpec, now, listsCitizens), now);
            cache.put(listsCitizens, issued);
        }
        return issued.der().clone();
    }

    private byte[] issue(X509Certificate issuer, DigestSigner issuerKey, KeySpec issuerSpec, Instant now,
                         boolean listsCitizens) {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), Date.from(now));
        builder.setNextUpdate(Date.from(now.plus(VALIDITY)));
        if (listsCitizens) {
            addRevokedCitizens(builder);
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

    private void addRevokedCitizens(X509v2CRLBuilder builder) {
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
