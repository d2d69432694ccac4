package io.kyso.signer.request;

import io.kyso.hsm.TokenUnavailableException;
import io.kyso.signer.audit.Actor;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.enrollment.CredentialRevokedException;
import io.kyso.signer.enrollment.CredentialUnusableException;
import io.kyso.signer.enrollment.SigningCredentials;
import io.kyso.signer.longterm.RevokedCertificateException;
import io.kyso.signer.metrics.KysoMetrics;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.pki.RevocationDataException;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.ErrorReference;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.signing.DocumentSigner;
import io.kyso.signer.signing.KeySigner;
import io.kyso.signer.signing.PendingSignature;
import io.kyso.signer.signing.SignatureValue;
import io.kyso.signer.signing.SignerIdentity;
import io.kyso.signer.signing.SigningContext;
import io.kyso.signer.signing.TimestampStrength;
import io.kyso.signer.storage.DocumentStore;
import io.kyso.signer.storage.StagedBlob;
import io.kyso.signer.timestamping.TimestampException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs every pending (approved) document of a request that has been claimed for signing, all or
 * nothing, inside the transaction that claimed it: documents the citizen rejected stay unsigned, and
 * the request ends {@code PARTIALLY_SIGNED}. The request's row stays locked while the documents are
 * signed; outputs are staged, committed to the store (durably) only when every document is signed,
 * and the request is marked signed in the same transaction as the claim. So a crash at any moment
 * either leaves the request as it was before the confirmation (the transaction never committed; at
 * most an orphan output in the store, which the reconciliation quarantines) or signed — never
 * half-way, and never known as signed by anyone before it is on disk.
 *
 * <p>On failure the caller's transaction rolls back; {@link #recordFailure} then says what happened:
 * an outage — the HSM unavailable, or for a long-term level the timestamping authority or a CA's
 * OCSP responder and CRL down, slow or answering garbage — leaves the request awaiting confirmation
 * (503 or 502, retry later: nothing was signed, and nothing is ever signed at a lower level than
 * asked); any other failure ends it {@code FAILED}.
 */
@Singleton
public class DossierSigner {
    private static final Logger LOG = LoggerFactory.getLogger(DossierSigner.class);

    private final Database database;
    private final SigningRequestRepository requests;
    private final DocumentStore store;
    private final List<DocumentSigner> signers;
    private final KeySigner keys;
    private final AuditLog audit;
    private final KysoMetrics metrics;
    private final SigningCredentials credentials;
    private final Clock clock;

    public DossierSigner(Database database, SigningRequestRepository requests, DocumentStore store,
                         List<DocumentSigner> signers, KeySigner keys, AuditLog audit, KysoMetrics metrics,
                         SigningCredentials credentials, Clock clock) {
        this.credentials = credentials;
        this.keys = keys;
        this.database = database;
        this.requests = requests;
        this.store = store;
        this.signers = signers;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What a signing committed: for the metrics, counted once the transaction is durable. */
    public record Signed(RequestStatus status, List<String> formats) {
        public void count(KysoMetrics metrics) {
            formats.forEach(metrics::documentSigned);
            metrics.requestCompleted(status);
        }
    }

    /**
     * Signs the request's pending documents and marks it signed, in the caller's transaction, which
     * claimed it ({@code SIGNING}) and holds its row. Throws on any failure, having removed every
     * output it wrote; the caller rolls back and calls {@link #recordFailure}.
     */
    public Signed signAll(Connection c, Citizen citizen, SigningRequest request) throws SQLException {
        List<SignedOutput> outputs;
        try {
            outputs = signPending(citizen, request);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw failure(request, e);
        }
        Map<String, StagedBlob> byKey = new LinkedHashMap<>();
        outputs.forEach(out -> byKey.put(keyOf(request, out), out.blob()));
        try {
            store.commitAll(byKey);
            RequestStatus status = request.documents().stream().anyMatch(d -> d.status() == DocumentStatus.REJECTED)
                    ? RequestStatus.PARTIALLY_SIGNED : RequestStatus.SIGNED;
            complete(c, citizen, request, outputs, status);
            return new Signed(status, outputs.stream().map(SignedOutput::format).toList());
        } catch (IOException | SQLException | RuntimeException e) {
            // never a signed file the request does not know; if the commit of the transaction itself
            // fails after this, the reconciliation quarantines the files
            byKey.keySet().forEach(store::delete);
            outputs.forEach(out -> store.discard(out.blob()));
            if (e instanceof SQLException sql) {
                throw sql;
            }
            throw failure(request, e);
        }
    }

    private RuntimeException failure(SigningRequest request, Exception e) {
        if (e instanceof TokenUnavailableException unavailable) {
            return unavailable;
        }
        if (e instanceof CredentialRevokedException revoked) {
            return revoked;
        }
        Optional<KysoException> problem = FailureCauses.problemIn(e); // a source's, maybe wrapped by iText or DSS
        if (problem.isPresent()) {
            return problem.get();
        }
        String ref = ErrorReference.next();
        LOG.error("Signing request {} failed [ref {}]", request.id(), ref, e);
        return new SigningFailedException(ref, e);
    }

    /** A signing failure that is not an outage: the request cannot be signed as it is. */
    public static final class SigningFailedException extends KysoException {
        SigningFailedException(String ref, Exception cause) {
            super(ErrorCode.SIGNING_FAILED, "The documents could not be signed; none was delivered. Reference: " + ref);
            initCause(cause);
        }
    }

    /**
     * Records, in a transaction of its own after the signing's rolled back, why a confirmed request
     * was not signed: an outage leaves it awaiting confirmation with {@code lastError} saying so; a
     * revoked credential or any other failure ends it {@code FAILED}.
     */
    public void recordFailure(SigningRequest request, RuntimeException cause) {
        boolean outage = isOutage(cause);
        ErrorCode why = outage ? outageCode(cause)
                : cause instanceof CredentialRevokedException ? ErrorCode.CREDENTIAL_REVOKED
                : cause instanceof RevokedCertificateException ? ErrorCode.CERTIFICATE_REVOKED
                : cause instanceof CredentialUnusableException ? ErrorCode.CREDENTIAL_UNUSABLE : ErrorCode.SIGNING_FAILED;
        boolean failed = database.inTransaction(c -> {
            boolean moved = outage
                    ? requests.recordError(c, request.id(), RequestStatus.AWAITING_CONFIRMATION, why.code())
                    : requests.transition(c, request.id(), RequestStatus.AWAITING_CONFIRMATION, RequestStatus.FAILED,
                    clock.instant(), why.code());
            if (moved) {
                audit.append(c, AuditRecord.of(AuditEventType.SIGNING_FAILED, Actor.SYSTEM).portal(request.portalId())
                        .request(request.id()).failure(why.code()).build());
            }
            return moved && !outage;
        });
        if (failed) {
            metrics.requestCompleted(RequestStatus.FAILED);
        }
    }

    /**
     * Whether the failure is a service's being away, after which the same confirmation may sign:
     * the HSM, the timestamping authority, a CA's revocation services.
     */
    public static boolean isOutage(RuntimeException cause) {
        return cause instanceof TokenUnavailableException || cause instanceof TimestampException
                || cause instanceof RevocationDataException;
    }

    /** Whether the signing itself failed (an outage, a revoked certificate, anything else), rather than the confirmation. */
    public static boolean isSigningFailure(RuntimeException cause) {
        return isOutage(cause) || cause instanceof SigningFailedException || cause instanceof CredentialRevokedException
                || cause instanceof RevokedCertificateException;
    }

    private static ErrorCode outageCode(RuntimeException cause) {
        if (cause instanceof KysoException kyso) {
            return java.util.Arrays.stream(ErrorCode.values()).filter(c -> c.code().equals(kyso.problem().code()))
                    .findFirst().orElse(ErrorCode.SERVICE_UNAVAILABLE);
        }
        return ErrorCode.HSM_UNAVAILABLE;
    }

    /** The citizen's key, if the credential may sign (else nothing is signed: 409 credential.revoked or unusable). */
    private SignerIdentity identityOf(Citizen citizen) {
        return credentials.signingIdentity(citizen);
    }

    /**
     * The stages for every pending document: each format prepares its document, the key signs all
     * their data to sign in one batch (one authorization of the key), each format assembles its
     * signed document, staged in the store.
     */
    private List<SignedOutput> signPending(Citizen citizen, SigningRequest request)
            throws IOException, GeneralSecurityException {
        SignerIdentity identity = identityOf(citizen);
        Instant signingTime = clock.instant();
        List<Document> pending = request.documents().stream().filter(d -> d.status() == DocumentStatus.PENDING).toList();
        List<PendingSignature> prepared = new ArrayList<>();
        List<SignedOutput> outputs = new ArrayList<>();
        try {
            for (Document doc : pending) {
                SigningContext context = new SigningContext(signingTime, "Ký hồ sơ: " + request.title(), doc.options(),
                        doc.name(), doc.contentType(), doc.level(), store.workFolder());
                prepared.add(formatOf(doc).prepare(store.file(doc.originalKey()), identity, context));
            }
            List<SignatureValue> values = keys.signAll(identity,
                    prepared.stream().map(PendingSignature::dataToSign).toList());
            for (int i = 0; i < pending.size(); i++) {
                outputs.add(assemble(pending.get(i), prepared.get(i), values.get(i)));
            }
            return outputs;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            outputs.forEach(out -> store.discard(out.blob()));
            throw e;
        } finally {
            prepared.forEach(PendingSignature::close);
        }
    }

    private SignedOutput assemble(Document doc, PendingSignature pending, SignatureValue value)
            throws IOException, GeneralSecurityException {
        Path output = store.newTempFile();
        try {
            pending.assemble(value, output);
            return new SignedOutput(doc.id(), store.stageFile(output), pending.format(),
                    pending.newestTimestamp().map(TimestampStrength::of).orElse(null));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            Files.deleteIfExists(output);
            throw e;
        }
    }

    private DocumentSigner formatOf(Document doc) {
        return signers.stream().filter(s -> s.supports(doc.contentType())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no signer for " + doc.contentType()));
    }

    private void complete(Connection c, Citizen citizen, SigningRequest request, List<SignedOutput> outputs,
                          RequestStatus status) throws SQLException {
        Instant now = clock.instant();
        requests.completeSigning(c, request.id(), outputs, now, status);
        for (SignedOutput out : outputs) {
            audit.append(c, AuditRecord.of(AuditEventType.DOCUMENT_SIGNED, citizen.actor())
                    .portal(request.portalId()).request(request.id()).document(out.documentId(), out.sha256())
                    .detail(out.format()).build());
        }
        audit.append(c, AuditRecord.of(AuditEventType.REQUEST_SIGNED, citizen.actor())
                .portal(request.portalId()).request(request.id()).detail(status.name()).build());
    }

    private static String keyOf(SigningRequest request, SignedOutput out) {
        return request.documents().stream().filter(d -> d.id().equals(out.documentId())).findFirst()
                .orElseThrow().signedKey();
    }
}
