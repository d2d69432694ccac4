package io.kyso.signer.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where documents live: originals and signed outputs, by key. Content is streamed in and out, never
 * held whole in memory. Writes are staged first and committed atomically, so a crash leaves either
 * the whole file under its key or nothing.
 */
public interface DocumentStore {

    /** Streams {@code content} to a temporary file, hashing it on the way. */
    StagedBlob stage(InputStream content) throws IOException;

    /** A fresh temporary file inside the store, for a writer that needs a path (e.g. a PDF signer). */
    Path newTempFile() throws IOException;

    /** Hashes an already written temporary file and makes it a staged blob. */
    StagedBlob stageFile(Path tempFile) throws IOException;

    /** Moves a staged blob under {@code key}, atomically; replaces what was there. */
    void commit(StagedBlob blob, String key) throws IOException;

    /** Deletes a staged blob's temporary file; never throws. */
    void discard(StagedBlob blob);

    /** A local file holding the content stored under {@code key}. */
    Path file(String key) throws IOException;

    InputStream open(String key) throws IOException;

    boolean exists(String key);

    /** Deletes the content under {@code key}; never throws. */
    void delete(String key);

    /**
     * Deletes every key that starts with {@code folder} + "/" (derived files kept together, such as a
     * request's previews); returns false if some could not be deleted. Never throws.
     */
    boolean deleteFolder(String folder);
}
