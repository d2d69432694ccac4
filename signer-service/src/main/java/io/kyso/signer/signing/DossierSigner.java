package io.kyso.signer.signing;

import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeyEntry;
import io.kyso.hsm.KeyNotFoundException;
import io.kyso.hsm.TokenUnavailableException;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.metrics.KysoMetrics;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.pki.CredentialRevocation;
import io.kyso.signer.pki.CredentialRevokedException;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.ErrorReference;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.storage.DocumentStore;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Signs every pending (approved) document of a request that has been claimed for signing
 * ({@code SIGNING}), all or nothing: documents the citizen rejected stay unsigned, and the request
 * ends {@code PARTIALLY_SIGNED}. Outputs are staged; only when every document is signed are they committed to the
 * store and the request marked {@code SIGNED} in one transaction. On failure nothing is delivered:
 * an unavailable HSM puts the request back to {@code AWAITING_CONFIRMATION} so the same code can be
 * retried; any other failure ends it {@code FAILED}.
 */
@Singleton
public class DossierSigner {
    private static final Logger LOG = LoggerFactory.getLogger(DossierSigner.class);

    private final Database database;
    private final SigningRequestRepository requests;
    private final DocumentStore store;
    private final HsmToken hsm;
    private final List<DocumentSigner> signers;
    private final AuditLog audit;
    private final KysoMetrics metrics;
    private final CredentialRevocation credentials;
    private final Clock clock;

    public DossierSigner(Database database, SigningRequestRepository requests, DocumentStore store, HsmToken hsm,
                         List<DocumentSigner> signers, AuditLog audit, KysoMetrics metrics,
                         CredentialRevocation credentials, Clock clock) {
        this.database = database;
        this.requests = requests;
        this.store = store;
        this.hsm = hsm;
        this.signers = signers;
        this.audit = audit;
        this.metrics = metrics;
        this.credentials = credentials;
        this.clock = clock;
    }

    public void signAll(Citizen citizen, SigningRequest request) {
        List<SignedOutput> outputs = new ArrayList<>();
        try {
            SignerIdentity identity = identityOf(citizen);
            Instant signingTime = clock.instant();
            for (Document doc : request.documents()) {
                if (doc.status() == DocumentStatus.PENDING) {
                    outputs.add(signOne(doc, identity,
                            new SigningContext(signingTime, "Ký hồ sơ: " + request.title(), doc.options(), doc.name(),
                                    doc.contentType())));
                }
            }
            commit(citizen, request, outputs);
        } catch (TokenUnavailableException e) {
            abandon(request, outputs, RequestStatus.AWAITING_CONFIRMATION, ErrorCode.HSM_UNAVAILABLE);
            throw e;
        } catch (CredentialRevokedException e) {
            abandon(request, outputs, RequestStatus.FAILED, ErrorCode.CREDENTIAL_REVOKED);
            throw e;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            String ref = ErrorReference.next();
            LOG.error("Signing request {} failed [ref {}]", request.id(), ref, e);
            abandon(request, outputs, RequestStatus.FAILED, ErrorCode.SIGNING_FAILED);
            throw new KysoException(ErrorCode.SIGNING_FAILED,
                    "The documents could not be signed; none was delivered. Reference: " + ref);
        }
    }

    /** The citizen's key, unless its credential was revoked (then nothing is signed: 409 credential.revoked). */
    private SignerIdentity identityOf(Citizen citizen) {
        SignerIdentity identity;
        if (citizen.wrappedKey() != null) {
            identity = SignerIdentity.wrapped(citizen.keyAlias(), citizen.fullName(),
                    citizen.wrappedKey().toWrappedKey(citizen.keyAlgorithm()));
        } else {
            KeyEntry key = hsm.find(citizen.keyAlias()).orElseThrow(() -> new KeyNotFoundException(citizen.keyAlias()));
            identity = new SignerIdentity(citizen.keyAlias(), citizen.keyAlgorithm(), citizen.fullName(), key.chain());
        }
        credentials.requireNotRevoked(identity.chain().get(0));
        return identity;
    }

    private SignedOutput signOne(Document doc, SignerIdentity identity, SigningContext context)
            throws IOException, GeneralSecurityException {
        DocumentSigner signer = signers.stream().filter(s -> s.supports(doc.contentType())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no signer for " + doc.contentType()));
        Path output = store.newTempFile();
        try {
            signer.sign(store.file(doc.originalKey()), output, identity, context);
            return new SignedOutput(doc.id(), store.stageFile(output), signer.format());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            Files.deleteIfExists(output);
            throw e;
        }
    }

    private void commit(Citizen citizen, SigningRequest request, List<SignedOutput> outputs) throws IOException {
        for (SignedOutput out : outputs) {
            store.commit(out.blob(), keyOf(request, out));
        }
        Instant now = clock.instant();
        RequestStatus status = request.documents().stream().anyMatch(d -> d.status() == DocumentStatus.REJECTED)
                ? RequestStatus.PARTIALLY_SIGNED : RequestStatus.SIGNED;
        try {
            database.inTransaction(c -> {
                requests.completeSigning(c, request.id(), outputs, now, status);
                for (SignedOutput out : outputs) {
                    audit.append(c, AuditRecord.of(AuditEventType.DOCUMENT_SIGNED, citizen.actor())
                            .portal(request.portalId()).request(request.id()).document(out.documentId(), out.sha256())
                            .detail(out.format()).build());
                }
                audit.append(c, AuditRecord.of(AuditEventType.REQUEST_SIGNED, citizen.actor())
                        .portal(request.portalId()).request(request.id()).detail(status.name()).build());
                return null;
            });
        } catch (RuntimeException e) {
            outputs.forEach(out -> store.delete(keyOf(request, out)));
            throw e;
        }
        outputs.forEach(out -> metrics.documentSigned(out.format()));
        metrics.requestCompleted(status);
    }

    private static String keyOf(SigningRequest request, SignedOutput out) {
        return request.documents().stream().filter(d -> d.id().equals(out.documentId())).findFirst()
                .orElseThrow().signedKey();
    }

    private void abandon(SigningRequest request, List<SignedOutput> outputs, RequestStatus to, ErrorCode why) {
        outputs.forEach(out -> store.discard(out.blob()));
        database.inTransaction(c -> {
            if (requests.transition(c, request.id(), RequestStatus.SIGNING, to,
                    to.isFinal() ? clock.instant() : null, why.code()) && !to.isFinal()) {
                requests.reopenDocuments(c, request.id());
            }
            audit.append(c, AuditRecord.of(AuditEventType.SIGNING_FAILED, "system").portal(request.portalId())
                    .request(request.id()).failure(why.code()).build());
            return null;
        });
        if (to.isFinal()) {
            metrics.requestCompleted(to);
        }
    }
}
