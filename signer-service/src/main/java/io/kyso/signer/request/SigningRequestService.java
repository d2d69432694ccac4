package io.kyso.signer.request;

import io.kyso.signer.intake.DocumentIntake;
import io.kyso.signer.intake.IncomingDocument;
import io.kyso.signer.audit.Actor;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.enrollment.CitizenRepository;
import io.kyso.signer.idempotency.IdempotentAnswers;
import io.kyso.signer.metrics.KysoMetrics;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;
import io.kyso.signer.signing.DocumentOptions;
import io.kyso.signer.storage.DocumentStore;
import io.kyso.signer.storage.StagedBlob;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates, reads, rejects and expires signing requests, and serves their documents. Confirmation
 * lives in {@code confirmation}; the signing itself in {@link DossierSigner}.
 */
@Singleton
public class SigningRequestService {
    private final Database database;
    private final SigningRequestRepository requests;
    private final CitizenRepository citizens;
    private final DocumentIntake intake;
    private final DocumentStore store;
    private final List<RequestCreationListener> creationListeners;
    private final CallbackGuard callbacks;
    private final AuditLog audit;
    private final KysoMetrics metrics;
    private final SigningConfiguration config;
    private final SigningRequestViews views;
    private final IdempotentAnswers answers;
    private final LevelChoice levels;
    private final Clock clock;

    public SigningRequestService(Database database, SigningRequestRepository requests, CitizenRepository citizens,
                                 DocumentIntake intake, DocumentStore store, List<RequestCreationListener> creationListeners,
                                 CallbackGuard callbacks,
                                 AuditLog audit, KysoMetrics metrics, SigningConfiguration config,
                                 SigningRequestViews views, IdempotentAnswers answers, LevelChoice levels, Clock clock) {
        this.views = views;
        this.levels = levels;
        this.answers = answers;
        this.database = database;
        this.requests = requests;
        this.citizens = citizens;
        this.intake = intake;
        this.store = store;
        this.creationListeners = List.copyOf(creationListeners);
        this.callbacks = callbacks;
        this.audit = audit;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    /** A request from the JSON form, documents inline. */
    public SigningRequest create(Portal portal, CreateSigningRequest command) {
        Citizen citizen = precheck(portal, command);
        return store(portal, citizen, command, intake.accept(command.documents()));
    }

    /**
     * A request whose documents were streamed to staged files (the multipart form), in the order of
     * {@code command}'s documents; they are inspected like inline ones. The caller discards the staged
     * files afterwards (those the request keeps have been moved into the store).
     */
    public SigningRequest create(Portal portal, Citizen citizen, CreateSigningRequest command, List<StagedBlob> staged) {
        return store(portal, citizen, command, intake.inspectAll(command.documents(), staged));
    }

    /**
     * Every check that needs no document content, made before any is read: the citizen is this
     * portal's and may get codes, the callback URL is acceptable, the documents' count and types.
     */
    public Citizen precheck(Portal portal, CreateSigningRequest command) {
        Citizen citizen = database.read(c -> citizens.find(c, portal.id(), command.citizenId()))
                .orElseThrow(() -> new KysoException(ErrorCode.CITIZEN_NOT_FOUND,
                        "No citizen " + command.citizenId() + " for this portal."));
        citizen.requireActive();
        citizen.requireNotBlockedAt(clock.instant());
        if (command.callbackUrl() != null) {
            callbacks.requireAcceptable(portal, command.callbackUrl());
        }
        intake.requireAcceptable(command.documents());
        requireOptionsFitService(citizen, command.documents());
        return citizen;
    }

    /**
     * Options the documents alone cannot refute: RSASSA-PSS is a way for an RSA key to sign, and a
     * level above B-B needs a timestamping authority; asked otherwise, they are mistakes worth saying.
     */
    private void requireOptionsFitService(Citizen citizen, List<IncomingDocument> documents) {
        for (int i = 0; i < documents.size(); i++) {
            DocumentOptions options = documents.get(i).options();
            if (options == null) {
                continue;
            }
            if (options.rsaPadding() != null && citizen.keyAlgorithm().isEc()) {
                throw invalidOptions(i, documents.get(i), "rsaPadding applies to RSA keys, and this citizen's key is "
                        + citizen.keyAlgorithm());
            }
            if (options.level() != null && !levels.possible(options.level())) {
                throw invalidOptions(i, documents.get(i), "level " + options.level()
                        + " needs a timestamping authority, and this service has none");
            }
        }
    }

    private static KysoException invalidOptions(int index, IncomingDocument doc, String why) {
        String name = doc.name().strip();
        return new KysoException(Problem.of(ErrorCode.DOCUMENT_INVALID_OPTIONS, "Document " + (index + 1) + " \"" + name
                + "\" was refused: " + why + ".").withDocument(index, name));
    }

    /** Keeps the accepted documents and the request, in one transaction with its audit entry, and sends the code. */
    private SigningRequest store(Portal portal, Citizen citizen, CreateSigningRequest command,
                                 List<DocumentIntake.Accepted> accepted) {
        SigningRequest request = newRequest(portal, citizen, command, accepted);
        Map<String, StagedBlob> originals = new LinkedHashMap<>();
        for (int i = 0; i < accepted.size(); i++) {
            originals.put(request.documents().get(i).originalKey(), accepted.get(i).blob());
        }
        List<RequestCreationListener.AfterCommit> afterCommit;
        try {
            store.commitAll(originals);
            afterCommit = database.inTransaction(c -> {
                requests.insert(c, request);
                audit.append(c, AuditRecord.of(AuditEventType.REQUEST_CREATED, Actor.of(portal)).portal(portal.id())
                        .request(request.id()).detail(request.documents().size() + " document(s)").build());
                List<RequestCreationListener.AfterCommit> actions = new ArrayList<>();
                for (RequestCreationListener listener : creationListeners) {
                    actions.add(listener.onCreating(c, new RequestCreated(portal, citizen, request)));
                }
                answers.record(c, 201, location(request.id()), views.of(c, requests.find(c, portal.id(), request.id(),
                        SigningRequestRepository.Lock.NONE).orElseThrow()));
                return actions;
            });
        } catch (IOException | RuntimeException e) {
            intake.discard(accepted);
            originals.keySet().forEach(store::delete);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        afterCommit.forEach(RequestCreationListener.AfterCommit::run);
        return get(portal, request.id());
    }

    /** Where the API serves a request. */
    public static String location(UUID id) {
        return "/api/v1/signing-requests/" + id;
    }

    private SigningRequest newRequest(Portal portal, Citizen citizen, CreateSigningRequest command,
                                      List<DocumentIntake.Accepted> accepted) {
        UUID id = UUID.randomUUID();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < accepted.size(); i++) {
            DocumentIntake.Accepted a = accepted.get(i);
            docs.add(new Document(UUID.randomUUID(), id, i, a.name(), a.contentType(), a.blob().size(),
                    a.blob().sha256(), a.pages(), a.options(), levels.levelFor(portal, a.options()), DocumentStatus.PENDING,
                    null, null, null, null, null));
        }
        Instant now = clock.instant();
        return SigningRequest.awaiting(id, portal.id(), citizen.id(), command.title().strip(), command.callbackUrl(), now,
                now.plus(config.requestLifetime()), docs);
    }

    /** The request, if it belongs to the portal; one past its expiry is marked expired on the way. */
    public SigningRequest get(Portal portal, UUID id) {
        SigningRequest request = database.read(c -> requests.find(c, portal.id(), id, SigningRequestRepository.Lock.NONE))
                .orElseThrow(() -> notFound(id));
        if (request.status() == RequestStatus.AWAITING_CONFIRMATION && request.isExpiredAt(clock.instant())) {
            expire(request);
            return database.read(c -> requests.find(c, portal.id(), id, SigningRequestRepository.Lock.NONE)).orElseThrow();
        }
        return request;
    }

    /** The request behind a confirmation link, whichever portal it belongs to; expired on the way if overdue. */
    public Optional<SigningRequest> findByToken(String token) {
        Optional<SigningRequest> found = database.read(c -> requests.findByToken(c, token));
        if (found.isPresent() && found.get().status() == RequestStatus.AWAITING_CONFIRMATION
                && found.get().isExpiredAt(clock.instant())) {
            expire(found.get());
            return database.read(c -> requests.findByToken(c, token));
        }
        return found;
    }

    /** The portal relays the citizen's refusal of the whole dossier. */
    public SigningRequest reject(Portal portal, UUID id) {
        return reject(portal, id, Actor.of(portal));
    }

    /** Rejects the whole dossier; {@code actor} is who refused it, for the audit log. */
    public SigningRequest reject(Portal portal, UUID id, Actor actor) {
        SigningRequest request = get(portal, id);
        RequestGuards.requireAwaiting(request);
        boolean done = database.inTransaction(c -> {
            if (!requests.transition(c, id, RequestStatus.AWAITING_CONFIRMATION, RequestStatus.REJECTED,
                    clock.instant(), null)) {
                return false;
            }
            requests.rejectDocuments(c, id);
            audit.append(c, AuditRecord.of(AuditEventType.REQUEST_REJECTED, actor).portal(portal.id())
                    .request(id).build());
            answers.record(c, 200, null, views.of(c, requests.find(c, portal.id(), id, SigningRequestRepository.Lock.NONE).orElseThrow()));
            return true;
        });
        if (!done) {
            RequestGuards.requireAwaiting(get(portal, id));
        }
        metrics.requestCompleted(RequestStatus.REJECTED);
        return get(portal, id);
    }

    /** Marks an awaiting request expired; a no-op if it has moved on meanwhile. */
    public void expire(SigningRequest request) {
        boolean expired = database.inTransaction(c -> {
            if (!requests.transition(c, request.id(), RequestStatus.AWAITING_CONFIRMATION, RequestStatus.EXPIRED,
                    clock.instant(), null)) {
                return false;
            }
            audit.append(c, AuditRecord.of(AuditEventType.REQUEST_EXPIRED, Actor.SYSTEM)
                    .portal(request.portalId()).request(request.id()).build());
            return true;
        });
        if (expired) {
            metrics.requestCompleted(RequestStatus.EXPIRED);
        }
    }

    /** Opens a document's original or newest signed content for download, and audits the download. */
    public Download download(Portal portal, UUID requestId, UUID documentId, Version version) {
        return download(portal, requestId, documentId, version, null);
    }

    /**
     * Opens a document's original, or its signed version {@code signedVersion} (null: the newest),
     * for download, and audits the download with the digest of what is served.
     */
    public Download download(Portal portal, UUID requestId, UUID documentId, Version version, Integer signedVersion) {
        boolean signed = version == Version.SIGNED;
        SigningRequest request = get(portal, requestId);
        Document doc = request.documents().stream().filter(d -> d.id().equals(documentId)).findFirst()
                .orElseThrow(() -> new KysoException(ErrorCode.DOCUMENT_NOT_FOUND,
                        "No document " + documentId + " in request " + requestId + "."));
        if (signed && doc.status() != DocumentStatus.SIGNED) {
            throw new KysoException(ErrorCode.DOCUMENT_NOT_SIGNED,
                    "Document \"" + doc.name() + "\" is " + doc.status().name().toLowerCase() + ", not signed.");
        }
        String key = doc.originalKey();
        String sha256 = doc.sha256();
        if (signed) {
            SignedVersions.Stored served = signedVersion(doc, signedVersion);
            key = served.key();
            sha256 = served.version().sha256();
        }
        try {
            Download download = new Download(doc, version, store.file(key));
            audit.append(AuditRecord.of(AuditEventType.DOCUMENT_DOWNLOADED, Actor.of(portal)).portal(portal.id())
                    .request(requestId).document(doc.id(), sha256)
                    .detail(signed ? "signed" + (signedVersion == null ? "" : " version " + signedVersion) : "original")
                    .build());
            return download;
        } catch (IOException e) {
            throw new UncheckedIOException("document content missing for " + doc.id(), e);
        }
    }

    /** The signed versions of a signed document, oldest first. */
    public List<SignedVersions.Version> versions(Portal portal, UUID requestId, UUID documentId) {
        Document doc = get(portal, requestId).documents().stream().filter(d -> d.id().equals(documentId)).findFirst()
                .orElseThrow(() -> new KysoException(ErrorCode.DOCUMENT_NOT_FOUND,
                        "No document " + documentId + " in request " + requestId + "."));
        return database.read(c -> SignedVersions.of(c, doc.id())).stream().map(SignedVersions.Stored::version).toList();
    }

    private SignedVersions.Stored signedVersion(Document doc, Integer asked) {
        int newest = doc.signedVersion() == null ? 1 : doc.signedVersion();
        int wanted = asked == null ? newest : asked;
        return database.read(c -> SignedVersions.of(c, doc.id())).stream().filter(v -> v.version().version() == wanted)
                .filter(v -> wanted <= newest).findFirst()
                .orElseThrow(() -> new KysoException(ErrorCode.DOCUMENT_VERSION_NOT_FOUND, "Document \"" + doc.name()
                        + "\" has signed versions 1 to " + newest + ", not " + wanted + "."));
    }

    /** Which content of a document: what the portal sent, or what Kyso signed. */
    public enum Version { ORIGINAL, SIGNED }

    /** A document ready to stream. */
    public record Download(Document document, Version version, java.nio.file.Path file) {
    }

    private static KysoException notFound(UUID id) {
        return new KysoException(ErrorCode.REQUEST_NOT_FOUND, "No signing request " + id + " for this portal.");
    }
}
