package io.kyso.signer.pki;

import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeyEntry;
import io.kyso.hsm.KeyNotFoundException;
import io.kyso.hsm.TokenUnavailableException;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.persistence.Database;
import jakarta.inject.Singleton;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The OCSP responder (RFC 6960) of Kyso's CA, answering from the same revocation records as the
 * CRL, at once: "good" for a certificate the CA issued and did not revoke, "revoked" with its time
 * and reason, "unknown" for a serial it never issued. About the issuing CA's certificates it
 * answers as the delegated responder ({@link OcspResponderKey}); about the issuing CA itself, when
 * Kyso runs the root (development), the root signs. A nonce is echoed. A request that does not
 * parse is answered {@code malformedRequest}; one about another CA's certificates
 * {@code unauthorized}; while the HSM or the database is away, {@code tryLater}. Every answer is signed anew, so none is stale. Thread-safe.
 */
@Singleton
public class OcspResponder {
    /** How long a relying party may rely on an answer; a revocation shows at once in newer answers. */
    static final Duration NEXT_UPDATE = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(OcspResponder.class);
    private static final int MAX_CERTIFICATES = 20;
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final CertificateAuthority ca;
    private final HsmToken hsm;
    private final OcspResponderKey responderKey;
    private final RevocationList revocations;
    private final IssuedCertificates issued;
    private final Database database;
    private final Clock clock;
    private final DigestCalculatorProvider digests;

    public OcspResponder(CertificateAuthority ca, HsmToken hsm, OcspResponderKey responderKey, RevocationList revocations,
                         IssuedCertificates issued, Database database, Clock clock) {
        this.ca = ca;
        this.hsm = hsm;
        this.responderKey = responderKey;
        this.revocations = revocations;
        this.issued = issued;
        this.database = database;
        this.clock = clock;
        try {
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The DER-encoded OCSPResponse to a DER-encoded OCSPRequest. */
    public byte[] respond(byte[] requestDer) {
        OCSPReq request;
        try {
            if (requestDer.length > MAX_REQUEST_BYTES) {
                return unsuccessful(OCSPRespBuilder.MALFORMED_REQUEST);
            }
            request = new OCSPReq(requestDer);
        } catch (IOException | RuntimeException e) {
            return unsuccessful(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        Req[] requests = request.getRequestList();
        if (requests.length == 0 || requests.length > MAX_CERTIFICATES) {
            return unsuccessful(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        Optional<Authority> authority = authorityFor(requests);
        if (authority.isEmpty()) {
            return unsuccessful(OCSPRespBuilder.UNAUTHORIZED);
        }
        try {
            try {
                return answer(request, requests, authority.get());
            } catch (KeyNotFoundException e) {
                // the responder key was destroyed by another instance (expired): the next one signs
                responderKey.forget();
                return answer(request, requests, authority.get());
            }
        } catch (TokenUnavailableException | KysoException e) {
            if (e instanceof KysoException k && k.problem().status() != 503) {
                throw k;
            }
            // the HSM or the database is away: an OCSP client understands tryLater, not a problem document
            LOG.warn("OCSP answered tryLater: {}", e.getMessage());
            return unsuccessful(OCSPRespBuilder.TRY_LATER);
        }
    }

    /** Whose certificates a request asks about: every one must be of the same CA. */
    private Optional<Authority> authorityFor(Req[] requests) {
        List<X509Certificate> chain = ca.caChain();
        Authority issuing = new Authority(chain.get(0), false);
        Optional<Authority> root = ca.root().map(r -> new Authority(r.certificate(), true));
        for (Authority candidate : root.isPresent() ? List.of(issuing, root.get()) : List.of(issuing)) {
            if (Arrays.stream(requests).allMatch(r -> matches(r.getCertID(), candidate.certificate()))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private boolean matches(CertificateID id, X509Certificate issuer) {
        try {
            return id.matchesIssuer(new JcaX509CertificateHolder(issuer), digests);
        } catch (OCSPException | CertificateEncodingException e) {
            return false; // a hash algorithm this provider does not know
        }
    }

    private byte[] answer(OCSPReq request, Req[] requests, Authority authority) {
        Instant now = clock.instant();
        Signer signer = signerFor(authority);
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(signer.id());
        List<CertificateStatus> statuses = database.read(connection -> {
            List<CertificateStatus> found = new ArrayList<>();
            for (Req one : requests) {
                found.add(status(connection, authority, one.getCertID().getSerialNumber()));
            }
            return found;
        });
        for (int i = 0; i < requests.length; i++) {
            builder.addResponse(requests[i].getCertID(), statuses.get(i), Date.from(now),
                    Date.from(now.plus(NEXT_UPDATE)), null);
        }
        Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (nonce != null) {
            builder.setResponseExtensions(new Extensions(nonce));
        }
        try {
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL,
                    builder.build(new HsmContentSigner(signer.key().signer(), signer.key().spec()), signer.certificates(),
                            Date.from(now))).getEncoded();
        } catch (OCSPException | IOException e) {
            throw HsmContentSigner.failure("cannot build the OCSP response", e);
        }
    }

    private CertificateStatus status(Connection connection, Authority authority, BigInteger serial) throws SQLException {
        if (authority.isRoot()) {
            // the root issued one certificate, the issuing CA's, and never revoked it
            return serial.equals(ca.caChain().get(0).getSerialNumber()) ? CertificateStatus.GOOD : new UnknownStatus();
        }
        Optional<Revocation> revocation = revocations.find(connection, serial);
        if (revocation.isPresent()) {
            return new RevokedStatus(Date.from(revocation.get().revokedAt()), revocation.get().reasonCode());
        }
        return issued.isIssued(connection, serial) ? CertificateStatus.GOOD : new UnknownStatus();
    }

    private Signer signerFor(Authority authority) {
        try {
            if (authority.isRoot()) {
                CaKey root = ca.root().orElseThrow();
                return new Signer(root, new RespID(new JcaX509CertificateHolder(root.certificate()).getSubject()),
                        new X509CertificateHolder[0]);
            }
            KeyEntry responder = responderKey.current();
            X509CertificateHolder certificate = new JcaX509CertificateHolder(responder.certificate());
            return new Signer(new CaKey(responder.certificate(), HsmIssuingCa.signer(hsm, responder.alias()),
                    responder.spec()), new RespID(certificate.getSubject()), new X509CertificateHolder[] {certificate});
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsuccessful(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CA whose certificates a request asks about. */
    private record Authority(X509Certificate certificate, boolean isRoot) {
    }

    /** Who signs the answer: the key, how the answer names it, and the certificates it carries. */
    private record Signer(CaKey key, RespID id, X509CertificateHolder[] certificates) {
    }
}
