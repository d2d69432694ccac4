package io.kyso.signer.signing;

import java.time.Instant;

/**
 * Everything about one signature besides the key: the time it claims (the same instant in the
 * signature and in its visible text), the default reason (from the request's title), the
 * portal's options for this document, the document's name as the portal gave it (a detached
 * XAdES signature refers to the original by this name; storage names are meaningless UUIDs) and
 * its media type (what XAdES's DataObjectFormat declares).
 */
public record SigningContext(Instant signingTime, String defaultReason, DocumentOptions options,
                             String documentName, String contentType) {

    public String reason() {
        return options.reason() != null ? options.reason() : defaultReason;
    }
}
