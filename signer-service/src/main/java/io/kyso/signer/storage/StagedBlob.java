package io.kyso.signer.storage;

import java.nio.file.Path;

/**
 * Content written to the store but not yet committed under a key: its temporary file, size and
 * SHA-256. Commit it or discard it.
 */
public record StagedBlob(Path file, long size, String sha256) {
}
