package io.kyso.signer.request;

import io.kyso.signer.intake.DocumentIntake;
import io.kyso.signer.intake.IncomingDocument;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.idempotency.RequestFingerprint;
import io.kyso.signer.idempotency.RequestFingerprints;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.UnknownField;
import io.kyso.signer.storage.DocumentStore;
import io.kyso.signer.storage.StagedBlob;
import io.micronaut.http.multipart.CompletedPart;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Receives the multipart form of a new request: a {@code request} part (the metadata as JSON,
 * documents without content), then one {@code document} part per document, in the metadata's order.
 *
 * <p>The metadata is checked as soon as it arrives ({@link SigningRequestService#precheck}); each
 * document part is streamed into a staged file, hashed and size-limited on the way. Parts above the
 * server's multipart threshold wait on disk, not in memory, so a 100 MB document never sits on the
 * heap. A refusal is answered only after the rest of the upload has been read and dropped, so the
 * portal hears the problem rather than a connection reset mid-upload.
 */
@Singleton
public class MultipartIntake {
    static final String REQUEST_PART = "request";
    static final String DOCUMENT_PART = "document";
    private static final int MAX_METADATA_BYTES = 1 << 20;

    private final SigningRequestService service;
    private final DocumentIntake intake;
    private final DocumentStore store;
    private final JsonMapper json;
    private final Validator validator;
    private final RequestFingerprints fingerprints;

    public MultipartIntake(SigningRequestService service, DocumentIntake intake, DocumentStore store, JsonMapper json,
                           Validator validator, RequestFingerprints fingerprints) {
        this.service = service;
        this.intake = intake;
        this.store = store;
        this.json = json;
        this.validator = validator;
        this.fingerprints = fingerprints;
    }

    /**
     * A request whose documents are staged, not yet inspected: create it with
     * {@link SigningRequestService#create(Portal, Citizen, CreateSigningRequest, List)} or
     * {@link #discard()} it.
     *
     * @param fingerprint the idempotency fingerprint: method, path, metadata, each document's digest
     */
    public record Received(CreateSigningRequest command, Citizen citizen, List<StagedBlob> staged,
                           RequestFingerprint.Fingerprint fingerprint) {
    }

    /** What has arrived so far; the first refusal is kept and the rest of the upload drained. */
    private static final class Progress {
        final List<StagedBlob> staged = new ArrayList<>();
        CreateSigningRequest command;
        Citizen citizen;
        KysoException refusal;
    }

    public Received receive(Portal portal, String method, String path, Publisher<CompletedPart> parts) {
        RequestFingerprint fingerprint = fingerprints.start(method, path).add("multipart/form-data");
        Progress progress = new Progress();
        try {
            for (CompletedPart part : Flux.from(parts).toIterable(1)) {
                if (progress.refusal == null) {
                    accept(portal, part, progress, fingerprint);
                }
            }
            if (progress.refusal == null) {
                requireComplete(progress);
            }
        } catch (RuntimeException e) {
            progress.staged.forEach(store::discard);
            throw e;
        }
        if (progress.refusal != null) {
            progress.staged.forEach(store::discard);
            throw progress.refusal;
        }
        return new Received(progress.command, progress.citizen, List.copyOf(progress.staged), fingerprint.finish());
    }

    /** Deletes the staged files of a request that was not created (or whose files the store has taken). */
    public void discard(Received received) {
        received.staged().forEach(store::discard);
    }

    private void accept(Portal portal, CompletedPart part, Progress progress, RequestFingerprint fingerprint) {
        try {
            if (progress.command == null) {
                byte[] metadata = metadataOf(part);
                fingerprint.add(metadata);
                progress.command = parse(metadata);
                progress.citizen = service.precheck(portal, progress.command);
                return;
            }
            int index = progress.staged.size();
            List<IncomingDocument> described = progress.command.documents();
            if (!DOCUMENT_PART.equals(part.getName()) || index >= described.size()) {
                throw malformed("after the \"request\" part come exactly " + described.size()
                        + " \"document\" part(s), one per document described, in order");
            }
            try (InputStream content = part.getInputStream()) {
                StagedBlob blob = intake.stage(index, described.get(index), content);
                progress.staged.add(blob);
                fingerprint.add(blob.sha256()).add(Long.toString(blob.size()));
            }
        } catch (KysoException e) {
            progress.refusal = e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] metadataOf(CompletedPart part) throws IOException {
        if (!REQUEST_PART.equals(part.getName())) {
            throw malformed("the first part must be \"request\", the request's metadata as JSON");
        }
        try (InputStream in = part.getInputStream()) {
            byte[] metadata = in.readNBytes(MAX_METADATA_BYTES + 1);
            if (metadata.length > MAX_METADATA_BYTES) {
                throw malformed("the \"request\" part is larger than " + MAX_METADATA_BYTES + " bytes");
            }
            return metadata;
        }
    }

    private CreateSigningRequest parse(byte[] metadata) {
        CreateSigningRequest command;
        try {
            command = json.readValue(metadata, CreateSigningRequest.class);
        } catch (IOException | RuntimeException e) {
            throw UnknownField.problemOf(e).map(KysoException::new)
                    .orElseGet(() -> malformed("the \"request\" part is not the JSON of a signing request"));
        }
        if (command == null) {
            throw malformed("the \"request\" part is empty");
        }
        Set<ConstraintViolation<CreateSigningRequest>> violations = validator.validate(command);
        if (!violations.isEmpty()) {
            throw malformed(violations.stream().map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted()
                    .collect(Collectors.joining("; ")));
        }
        if (command.documents().stream().anyMatch(d -> d.content() != null)) {
            throw malformed("in a multipart upload a document's content is its own part, not \"content\"");
        }
        return command;
    }

    private static void requireComplete(Progress progress) {
        if (progress.command == null) {
            throw malformed("there is no \"request\" part");
        }
        int described = progress.command.documents().size();
        if (progress.staged.size() != described) {
            throw malformed(described + " document(s) are described but " + progress.staged.size()
                    + " \"document\" part(s) were sent");
        }
    }

    private static KysoException malformed(String why) {
        return new KysoException(ErrorCode.REQUEST_MALFORMED, "The multipart upload is not valid: " + why + ".");
    }
}
