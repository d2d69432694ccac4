package io.kyso.signer.audit;

import io.micronaut.core.annotation.Nullable;

import java.util.UUID;

/**
 * What one audit entry says, before the log gives it a sequence number, a time and its chain
 * hash. Never a code, a PIN, a key or document content: documents are named by id and digest.
 *
 * @param actor who acted: {@code portal:<id>}, {@code citizen:<id>} or {@code system}
 * @param detail a short machine-readable note, e.g. an error code
 */
public record AuditRecord(
        AuditEventType type,
        String actor,
        @Nullable String portalId,
        @Nullable UUID requestId,
        @Nullable UUID documentId,
        @Nullable String documentSha256,
        Outcome outcome,
        @Nullable String detail) {

    public enum Outcome { SUCCESS, FAILURE }

    public static Builder of(AuditEventType type, Actor actor) {
        return new Builder(type, actor.toString());
    }

    /** Builds an {@link AuditRecord}; every field but type and actor is optional. */
    public static final class Builder {
        private final AuditEventType type;
        private final String actor;
        private String portalId;
        private UUID requestId;
        private UUID documentId;
        private String documentSha256;
        private Outcome outcome = Outcome.SUCCESS;
        private String detail;

        private Builder(AuditEventType type, String actor) {
            this.type = type;
            this.actor = actor;
        }

        public Builder portal(String id) {
            this.portalId = id;
            return this;
        }

        public Builder request(UUID id) {
            this.requestId = id;
            return this;
        }

        public Builder document(UUID id, String sha256) {
            this.documentId = id;
            this.documentSha256 = sha256;
            return this;
        }

        public Builder failure(String why) {
            this.outcome = Outcome.FAILURE;
            this.detail = why;
            return this;
        }

        public Builder detail(String note) {
            this.detail = note;
            return this;
        }

        public AuditRecord build() {
            return new AuditRecord(type, actor, portalId, requestId, documentId, documentSha256, outcome, detail);
        }
    }
}
