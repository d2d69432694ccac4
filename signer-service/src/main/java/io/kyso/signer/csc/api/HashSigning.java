package io.kyso.signer.csc.api;

import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.csc.AccessGrant;
import io.kyso.signer.csc.AuthorizationStatus;
import io.kyso.signer.csc.AuthorizedHash;
import io.kyso.signer.csc.Authorizations;
import io.kyso.signer.csc.CredentialAuthorization;
import io.kyso.signer.csc.CscConfiguration;
import io.kyso.signer.csc.CscCredentials;
import io.kyso.signer.csc.CscException;
import io.kyso.signer.csc.HashValues;
import io.kyso.signer.csc.SignAlgorithms;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.enrollment.SigningCredentials;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.signing.DataToSign;
import io.kyso.signer.signing.KeySigner;
import io.kyso.signer.signing.SignatureValue;
import io.kyso.signer.signing.SignerIdentity;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code signatures/signHash} under a credential authorization (the SAD): every hash must be one
 * the citizen authorized, not yet signed, of the authorized hash function. The hashes are claimed,
 * signed by the citizen's key in one batch (a wrapped key is unwrapped once, every value verified by
 * the HSM adapter) and audited, in one transaction: if anything fails, no hash counts as signed.
 */
@Singleton
public class HashSigning {
    private final Database database;
    private final Authorizations authorizations;
    private final CscCredentials credentials;
    private final SigningCredentials signing;
    private final KeySigner keys;
    private final AuditLog audit;
    private final CscConfiguration config;
    private final Clock clock;

    public HashSigning(Database database, Authorizations authorizations, CscCredentials credentials,
                       SigningCredentials signing, KeySigner keys, AuditLog audit, CscConfiguration config, Clock clock) {
        this.database = database;
        this.authorizations = authorizations;
        this.credentials = credentials;
        this.signing = signing;
        this.keys = keys;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** A signHash call's parameters; the optional ones may be null. */
    public record Call(String credentialId, List<String> hashes, String hashAlgorithmOid, String signAlgo,
                       String signAlgoParams) {
    }

    /** The signature values, in the order of the call's hashes. */
    public List<byte[]> sign(AccessGrant grant, Call call) {
        CredentialAuthorization authorization = authorizationOf(grant, call.credentialId());
        Citizen citizen = credentials.find(grant.portalId(), call.credentialId())
                .orElseThrow(() -> CscException.invalidRequest("Invalid parameter credentialID"));
        SignAlgorithms.Signing how = SignAlgorithms.resolve(citizen.keyAlgorithm(), call.signAlgo(),
                call.hashAlgorithmOid(), call.signAlgoParams());
        if (how.hash() != authorization.hashAlgorithm()) {
            throw CscException.invalidRequest("Invalid parameter hashAlgorithmOID: the authorization is for "
                    + authorization.hashAlgorithm().jcaName() + " hashes");
        }
        List<byte[]> hashes = HashValues.decodeAll(call.hashes(), how.hash(), config.maxHashes());
        List<String> hexes = hashes.stream().map(HexFormat.of()::formatHex).toList();
        Set<String> covered = authorization.hashes().stream().map(AuthorizedHash::digestHex).collect(Collectors.toSet());
        for (int i = 0; i < hexes.size(); i++) {
            if (!covered.contains(hexes.get(i))) {
                throw refused(authorization, citizen, "hashes[" + i + "] is not covered by the credential authorization");
            }
        }
        SignerIdentity identity = signing.signingIdentity(citizen);
        List<DataToSign> data = hashes.stream().map(h -> new DataToSign(how.hash(), h, how.scheme())).toList();
        Instant now = clock.instant();
        List<SignatureValue> values;
        try {
            values = database.inTransaction(c -> {
                boolean[] claimed = authorizations.claim(c, authorization.id(), hexes, now);
                for (int i = 0; i < claimed.length; i++) {
                    if (!claimed[i]) {
                        throw new AlreadySigned(i);
                    }
                }
                List<SignatureValue> signed = keys.signAll(identity, data);
                audit.append(c, AuditRecord.of(AuditEventType.CSC_HASHES_SIGNED, citizen.actor()).portal(grant.portalId())
                        .request(authorization.id()).detail("hashes:" + hashes.size() + " " + how.hash().jcaName() + " "
                                + how.scheme() + " first:" + hexes.get(0).substring(0, 16)).build());
                return signed;
            });
        } catch (AlreadySigned e) {
            throw refused(authorization, citizen, "hashes[" + e.index + "] was already signed under this credential"
                    + " authorization");
        }
        return values.stream().map(SignatureValue::value).toList();
    }

    private CredentialAuthorization authorizationOf(AccessGrant grant, String credentialId) {
        CredentialAuthorization authorization = database.read(c -> authorizations.find(c, grant.authorizationId()))
                .filter(a -> a.status() == AuthorizationStatus.EXCHANGED)
                .orElseThrow(() -> CscException.invalidRequest("Invalid parameter SAD"));
        if (!authorization.credentialId().equals(credentialId)) {
            throw CscException.invalidRequest("Invalid parameter credentialID: the authorization is for another credential");
        }
        return authorization;
    }

    /** Audits a credential token used beyond what it covers, then answers {@code invalid_request}. */
    private CscException refused(CredentialAuthorization authorization, Citizen citizen, String why) {
        audit.append(AuditRecord.of(AuditEventType.CSC_SIGNING_REFUSED, citizen.actor()).portal(authorization.portalId())
                .request(authorization.id()).failure(why).build());
        return CscException.invalidRequest(why);
    }

    /** A hash of the call was signed before; ends the transaction so that nothing counts as signed. */
    private static final class AlreadySigned extends RuntimeException {
        private final int index;

        AlreadySigned(int index) {
            super(null, null, false, false);
            this.index = index;
        }
    }
}
