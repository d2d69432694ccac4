package io.kyso.signer.signing;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Everything about one signature besides the key: the time it claims (the same instant in the
 * signature and in its visible text), the default reason (from the request's title), the
 * portal's options for this document, the document's name as the portal gave it (a detached
 * XAdES signature refers to the original by this name; storage names are meaningless UUIDs), its
 * media type (what XAdES's DataObjectFormat declares), the level to reach, and the folder where
 * the stages may keep temporary files (on the same file system as the store).
 */
public record SigningContext(Instant signingTime, String defaultReason, DocumentOptions options,
                             String documentName, String contentType, SignatureLevel level, Path workDir) {

    public String reason() {
        return options.reason() != null ? options.reason() : defaultReason;
    }
}
