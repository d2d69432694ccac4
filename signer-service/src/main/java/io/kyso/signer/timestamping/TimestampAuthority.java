package io.kyso.signer.timestamping;

import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeyEntry;
import io.kyso.hsm.KeySpec;
import io.kyso.hsm.TokenUnavailableException;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.persistence.Jdbc;
import io.kyso.signer.pki.CertificateAuthority;
import io.kyso.signer.pki.HsmContentSigner;
import io.kyso.signer.problem.KysoException;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TSPValidationException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Set;

/**
 * Kyso's timestamping authority (RFC 3161), for development and tests; production uses a licensed
 * one through the same {@link TimestampClient}. Its keys ({@value #ALIAS_PREFIX}…, see {@link #key()}) are generated in the HSM
 * on first use and certified by the development CA with the critical {@code id-kp-timeStamping}
 * extended key usage. Each token's serial number is the identity of its row in
 * {@code timestamp_token}: unique across restarts and instances. Imprints of SHA-256, SHA-384 and
 * SHA-512 are stamped; the nonce is echoed; the certificates are included when asked for. A request
 * that does not parse, uses another hash, names another policy or carries an extension is answered
 * with a rejection and the RFC's failure reason; while the HSM or the database is away, with a
 * rejection for {@code systemFailure}, which clients retry. Thread-safe.
 */
@Singleton
@Requires(property = "kyso.pki.dev-ca", value = "true")
public class TimestampAuthority {
    /** The units' keys: {@code kyso-tsa-<n>}, the n-th third of the certificate validity since the epoch. */
    public static final String ALIAS_PREFIX = "kyso-tsa-";
    /** A TimeStampReq is a hash and a few small fields: far below this. */
    private static final int MAX_REQUEST_BYTES = 16 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(TimestampAuthority.class);
    private static final Set<ASN1ObjectIdentifier> HASHES = Set.of(NISTObjectIdentifiers.id_sha256,
            NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512);

    private final HsmToken hsm;
    private final CertificateAuthority ca;
    private final Database database;
    private final TimestampAuthorityConfiguration config;
    private final Clock clock;
    private final DigestCalculatorProvider digests;
    private volatile KeyEntry key;

    public TimestampAuthority(HsmToken hsm, CertificateAuthority ca, Database database,
                              TimestampAuthorityConfiguration config, Clock clock) {
        this.hsm = hsm;
        this.ca = ca;
        this.database = database;
        this.config = config;
        this.clock = clock;
        try {
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The DER-encoded TimeStampResp to a DER-encoded TimeStampReq: a token, or a rejection. */
    public byte[] respond(byte[] requestDer) {
        TimeStampRequest request;
        try {
            if (requestDer.length > MAX_REQUEST_BYTES) {
                throw new IOException("too large");
            }
            request = new TimeStampRequest(requestDer);
        } catch (IOException | RuntimeException e) {
            return rejection(PKIFailureInfo.badDataFormat, "The request is not a DER TimeStampReq");
        }
        ASN1ObjectIdentifier policy = new ASN1ObjectIdentifier(config.policy());
        try {
            request.validate(HASHES, Set.of(policy), Set.of());
        } catch (TSPValidationException e) {
            return rejection(e.getFailureCode(), e.getMessage());
        } catch (TSPException | RuntimeException e) {
            return rejection(PKIFailureInfo.badRequest, "The request cannot be accepted");
        }
        try {
            return grant(request, policy);
        } catch (TokenUnavailableException | KysoException e) {
            if (e instanceof KysoException k && k.problem().status() != 503) {
                throw k;
            }
            // the HSM or the database is away: a timestamp client understands systemFailure, not a problem document
            LOG.warn("Timestamp request answered systemFailure: {}", e.getMessage());
            return rejection(PKIFailureInfo.systemFailure, "The timestamping authority cannot sign now; try again later");
        }
    }

    private byte[] grant(TimeStampRequest request, ASN1ObjectIdentifier policy) {
        Instant now = clock.instant();
        BigInteger serial = recordSerial(request, now);
        try {
            KeyEntry entry = key();
            TimeStampResponse response = new TimeStampResponseGenerator(tokenGenerator(entry, policy, now), HASHES,
                    Set.of(policy), Set.of()).generateGrantedResponse(request, serial, Date.from(now));
            requireValid(response.getTimeStampToken(), entry);
            return response.getEncoded();
        } catch (TSPException | IOException | OperatorCreationException | GeneralSecurityException e) {
            throw HsmContentSigner.failure("cannot issue a timestamp token", e);
        }
    }

    private TimeStampTokenGenerator tokenGenerator(KeyEntry entry, ASN1ObjectIdentifier policy, Instant now)
            throws OperatorCreationException, TSPException, GeneralSecurityException {
        // the CMS signing time from the service's clock too (Bouncy Castle's default is the machine's),
        // so that it is the token's time and falls within the unit's certificate
        AttributeTable signingTime = new AttributeTable(new Attribute(CMSAttributes.signingTime,
                new DERSet(new Time(Date.from(now)))));
        TimeStampTokenGenerator generator = new TimeStampTokenGenerator(
                new JcaSignerInfoGeneratorBuilder(digests)
                        .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signingTime))
                        .build(HsmContentSigner.of(hsm, entry), entry.certificate()),
                digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)), policy);
        generator.setResolution(TimeStampTokenGenerator.R_MILLISECONDS);
        // RFC 3161 Accuracy: whole seconds, then 1..999 milliseconds
        if (config.accuracy().toSeconds() > 0) {
            generator.setAccuracySeconds((int) config.accuracy().toSeconds());
        }
        if (config.accuracy().toMillisPart() > 0) {
            generator.setAccuracyMillis(config.accuracy().toMillisPart());
        }
        generator.setTSA(new GeneralName(X500Name.getInstance(entry.certificate().getSubjectX500Principal().getEncoded())));
        // the timestamping unit's certificate and the issuing CA's, not the root: the relying party's anchor
        generator.addCertificates(new JcaCertStore(entry.chain().subList(0, Math.min(2, entry.chain().size()))));
        return generator;
    }

    /** Checks the token with the unit's certificate before it leaves: signature, ESS certificate binding. */
    private static void requireValid(TimeStampToken token, KeyEntry entry) throws TSPException, OperatorCreationException {
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(entry.certificate()));
    }

    /** A new serial number: the identity of the token's row, which also records what was stamped when. */
    private BigInteger recordSerial(TimeStampRequest request, Instant at) {
        return database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO timestamp_token (issued_at, hash_algorithm, imprint) VALUES (?, ?, ?)",
                    new String[] {"serial"})) {
                Jdbc.setInstant(insert, 1, at);
                insert.setString(2, request.getMessageImprintAlgOID().getId());
                insert.setString(3, HexFormat.of().formatHex(request.getMessageImprintDigest()));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return BigInteger.valueOf(keys.getLong(1));
                }
            }
        });
    }

    private static byte[] rejection(int failure, String why) {
        try {
            return new TimeStampResponseGenerator(null, HASHES).generateFailResponse(PKIStatus.REJECTION, failure, why)
                    .getEncoded();
        } catch (TSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The timestamping unit's key for now: found in the HSM, or generated there and certified. Each
     * third of the certificate's validity has its own key, so every instance derives the same alias
     * from its clock, and a token is always signed by a certificate with two thirds of its life left
     * at least (an archive renewal must be able to get a timestamp that lasts longer than the last).
     */
    private KeyEntry key() {
        long period = config.certificateValidity().dividedBy(3).toMillis();
        String alias = ALIAS_PREFIX + clock.millis() / period;
        KeyEntry entry = key;
        if (entry != null && entry.alias().equals(alias)) {
            return entry;
        }
        synchronized (this) {
            if (key == null || !key.alias().equals(alias)) {
                key = hsm.find(alias).orElseGet(() -> generate(alias));
            }
            return key;
        }
    }

    private KeyEntry generate(String alias) {
        LOG.info("Generating the timestamping unit's key {} in the HSM", alias);
        try {
            return hsm.generate(alias, KeySpec.EC_P256, ca.timestampingIssuer(config.certificateValidity()));
        } catch (IllegalArgumentException taken) {
            // another instance generated it at the same moment
            return hsm.find(alias).orElseThrow(() -> taken);
        }
    }
}
