package io.kyso.signer.intake;

import io.kyso.signer.signing.DocumentOptions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * One document as the portal sends it.
 *
 * @param content the document, base64-encoded
 */
@Serdeable
public record IncomingDocument(
        @NotBlank @Size(max = 255) String name,
        @NotBlank String contentType,
        @Nullable String content,
        @Nullable @Schema(nullable = false) @Valid DocumentOptions options) {

    @Override
    public String toString() {
        return "IncomingDocument[name=" + name + ", contentType=" + contentType + "]";
    }

    /**
     * By identity: the validator keeps the objects it visits in a hash set, and a record's hash
     * would run over megabytes of base64 content on every request (docs/performance.md).
     */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
