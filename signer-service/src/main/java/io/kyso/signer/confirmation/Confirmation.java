package io.kyso.signer.confirmation;

import io.kyso.signer.support.Masked;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.UUID;

/**
 * What a citizen confirms with: the code, and optionally which documents of the presented set they
 * approve (all when absent; the others are rejected) and the binding digest of the set the page
 * showed them (absent when the portal relays the code).
 *
 * @param otp              the code; never logged
 * @param approved         the documents to sign, or null for every document
 * @param presentedBinding the binding digest of the documents the citizen saw, or null
 * @param via              where the confirmation came from, for the audit log
 */
public record Confirmation(String otp, @Nullable List<UUID> approved, @Nullable String presentedBinding, Via via) {

    /** Where a confirmation comes from: the portal relays it through the API, or the citizen uses Kyso's page. */
    public enum Via {
        API, PAGE;

        /** As the audit log writes it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Confirmation {
        approved = approved == null ? null : List.copyOf(approved);
    }

    @Override
    public String toString() {
        return "Confirmation[otp=" + Masked.HIDDEN + ", approved=" + approved + ", via=" + via + "]";
    }
}
