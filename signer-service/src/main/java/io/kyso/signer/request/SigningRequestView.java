package io.kyso.signer.request;

import io.kyso.signer.signing.DocumentOptions;
import io.kyso.signer.signing.SignatureLevel;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.kyso.signer.support.PublicAddress;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A signing request as the API shows it: never the code or its hash. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SigningRequestView(
        UUID id,
        UUID citizenId,
        String title,
        RequestStatus status,
        String reference,
        Instant createdAt,
        Instant expiresAt,
        Instant completedAt,
        String confirmationUrl,
        Integer attemptsLeft,
        String lastError,
        List<DocumentView> documents) {

    /**
     * One document: the original's digest, the level it is (to be) signed at, and once signed the
     * newest signed version's digest and number (1 as signed; archive renewal adds versions).
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DocumentView(
            UUID id,
            String name,
            String contentType,
            long size,
            String sha256,
            Integer pages,
            DocumentOptions options,
            SignatureLevel level,
            DocumentStatus status,
            Long signedSize,
            String signedSha256,
            Instant signedAt,
            Integer signedVersion) {

        static DocumentView of(Document d) {
            DocumentOptions options = DocumentOptions.DEFAULT.equals(d.options()) ? null : d.options();
            return new DocumentView(d.id(), d.name(), d.contentType(), d.size(), d.sha256(), d.pages(), options, d.level(),
                    d.status(), d.signedSize(), d.signedSha256(), d.signedAt(), d.signedVersion());
        }
    }

    /** The citizen's page for the request: the public URL and the request's secret token. */
    public static String confirmationUrl(PublicAddress address, SigningRequest r) {
        return address.link("/c/" + r.confirmationToken());
    }

    static SigningRequestView of(SigningRequest r, PublicAddress address, Integer attemptsLeft) {
        boolean awaiting = r.status() == RequestStatus.AWAITING_CONFIRMATION;
        return new SigningRequestView(r.id(), r.citizenId(), r.title(), r.status(), r.reference(), r.createdAt(),
                r.expiresAt(), r.completedAt(),
                awaiting ? confirmationUrl(address, r) : null,
                attemptsLeft,
                r.lastError(),
                r.documents().stream().map(DocumentView::of).toList());
    }
}
