package io.kyso.signer.request;

import io.kyso.signer.signing.DocumentOptions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * A portal's dossier for one citizen's signature.
 *
 * @param callbackUrl where Kyso calls the portal back when the request ends (optional; https, public
 *                    addresses only outside development: {@code webhook.CallbackUrlPolicy})
 */
@Serdeable
public record CreateSigningRequest(
        @NotNull UUID citizenId,
        @NotBlank @Size(max = 500) String title,
        @NotEmpty List<@Valid @NotNull IncomingDocument> documents,
        @Nullable @Size(max = 2000) String callbackUrl) {

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
            @Nullable @Valid DocumentOptions options) {

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
}
