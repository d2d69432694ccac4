package io.kyso.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A dossier to send for one citizen's signature.
 *
 * @param citizenId      the enrolled citizen who signs
 * @param title          what the citizen is asked to sign ("Hồ sơ đăng ký hộ kinh doanh"), shown in the code's message
 * @param documents      in order; at least one
 * @param callbackUrl    optional: where Kyso POSTs the signed webhook when the request ends (https outside development)
 * @param idempotencyKey optional: the key of this logical call; a random one is used when absent. Give your own
 *                       (e.g. your dossier's id) to stay idempotent across restarts of your own process.
 */
public record NewSigningRequest(UUID citizenId, String title, List<DocumentUpload> documents, URI callbackUrl,
                                String idempotencyKey) {

    public NewSigningRequest {
        Objects.requireNonNull(citizenId, "citizenId");
        Objects.requireNonNull(title, "title");
        documents = List.copyOf(documents);
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("a signing request needs at least one document");
        }
    }

    public static Builder builder(UUID citizenId, String title) {
        return new Builder(citizenId, title);
    }

    /** Builds a {@link NewSigningRequest}. Not thread-safe. */
    public static final class Builder {
        private final UUID citizenId;
        private final String title;
        private final List<DocumentUpload> documents = new ArrayList<>();
        private URI callbackUrl;
        private String idempotencyKey;

        private Builder(UUID citizenId, String title) {
            this.citizenId = citizenId;
            this.title = title;
        }

        /** Adds a document; documents keep the order they are added in. */
        public Builder document(DocumentUpload document) {
            documents.add(Objects.requireNonNull(document, "document"));
            return this;
        }

        /** Adds a document with signing options. */
        public Builder document(DocumentUpload document, DocumentOptions options) {
            return document(document.withOptions(options));
        }

        public Builder callbackUrl(URI url) {
            this.callbackUrl = url;
            return this;
        }

        public Builder idempotencyKey(String key) {
            this.idempotencyKey = key;
            return this;
        }

        public NewSigningRequest build() {
            return new NewSigningRequest(citizenId, title, documents, callbackUrl, idempotencyKey);
        }
    }
}
