package io.kyso.signer.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where documents live: originals and signed outputs, by key. Content is streamed in and out, never
 * held whole in memory. Writes are staged first and committed atomically, so a crash leaves either
 * the whole file under its key or nothing; a commit returns once the file and its name are on
 * stable storage, so a database row written after it never refers to a file a power cut took away.
 * A file committed but never referred to (its transaction rolled back, or the process died in
 * between) is an orphan: the feature that owns the folder finds it with {@link #list} and moves it
 * aside with {@link #quarantine}.
 */
public interface DocumentStore {

    /** Streams {@code content} to a temporary file, hashing it on the way. */
    StagedBlob stage(InputStream content) throws IOException;

    /** A fresh temporary file inside the store, for a writer that needs a path (e.g. a PDF signer). */
    Path newTempFile() throws IOException;

    /** A folder for temporary files on the store's own file system (so commits stay renames). */
    Path workFolder();

    /** Hashes an already written temporary file and makes it a staged blob. */
    StagedBlob stageFile(Path tempFile) throws IOException;

    /** Moves a staged blob under {@code key}, atomically and durably; replaces what was there. */
    void commit(StagedBlob blob, String key) throws IOException;

    /**
     * Commits several staged blobs, each atomically, all durably: one flush per file and one per
     * folder, however many files share it. If one fails, those already moved stay (delete them).
     */
    void commitAll(java.util.Map<String, StagedBlob> blobsByKey) throws IOException;

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

    /** Every key under {@code folder} (files only, at any depth), with its last modification time. */
    java.util.List<StoredKey> list(String folder) throws IOException;

    /**
     * Moves the content under {@code key} out of the store's keys into {@code quarantine/}, where an
     * operator can look at it; it is never served. Returns where it went, relative to the store.
     */
    String quarantine(String key) throws IOException;

    /** A key in the store and when its content was last written. */
    record StoredKey(String key, java.time.Instant modified) {
    }
}
