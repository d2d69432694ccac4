package io.kyso.client;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Dossiers sent for one citizen's signature, their outcome, and the signed documents. */
public interface SigningRequests {

    /**
     * Uploads the dossier (streamed, as {@code multipart/form-data}) and creates a request awaiting
     * the citizen's confirmation; Kyso texts the citizen a code. Every document is checked first: a
     * refused one throws {@link KysoApiException} with a {@code document.*} code and
     * {@link Problem#document()} naming it, and nothing is kept.
     */
    SigningRequest create(NewSigningRequest request);

    /** The request's current state. */
    SigningRequest get(UUID requestId);

    /** Sends the citizen a new code (3 resends at most, 60 seconds apart). */
    SigningRequest resendCode(UUID requestId);

    /**
     * Relays the code the citizen entered in the portal; Kyso signs every document, once. A wrong
     * code throws {@link KysoApiException} {@code otp.invalid} with {@link KysoApiException#attemptsLeft()}.
     */
    SigningRequest confirm(UUID requestId, String code);

    /** The citizen refuses the dossier. */
    SigningRequest reject(UUID requestId);

    /**
     * Polls the request, with growing pauses, until it reaches a final state ({@link RequestStatus#isFinal()})
     * and returns it; throws {@link KysoTimeoutException} if {@code timeout} passes first. A portal
     * that receives webhooks does not need this.
     */
    SigningRequest awaitFinalState(UUID requestId, Duration timeout);

    /** Streams one signed document (or detached XML signature) to {@code out}; {@code out} is not closed. */
    void downloadSigned(UUID requestId, UUID documentId, OutputStream out);

    /**
     * Downloads one signed document to {@code file}, replacing it: written to a temporary file beside
     * it first, so {@code file} is either the whole document or untouched.
     */
    Path downloadSigned(UUID requestId, UUID documentId, Path file);

    /**
     * Downloads every signed document of {@code request} into {@code directory} under the names Kyso
     * gives them ({@code ho-so.pdf} → {@code ho-so-signed.pdf}), checks each file's SHA-256 against
     * the request's {@code signedSha256} ({@link KysoIntegrityException} if one differs), and returns
     * the files in the order of the documents.
     */
    List<Path> downloadSignedDocuments(SigningRequest request, Path directory);
}
