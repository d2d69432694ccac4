package io.kyso.signer.storage;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A {@link DocumentStore} on a local or mounted file system. Temporary files live in {@code tmp/}
 * under the same root, so commits are atomic renames; committed files are fsynced first.
 */
@Singleton
public class FileSystemDocumentStore implements DocumentStore {
    private final Path root;
    private final Path tmp;

    public FileSystemDocumentStore(StorageConfiguration config) {
        this.root = Path.of(config.directory()).toAbsolutePath().normalize();
        this.tmp = root.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("kyso.storage.directory: cannot create " + tmp, e);
        }
    }

    @Override
    public StagedBlob stage(InputStream content) throws IOException {
        Path file = newTempFile();
        MessageDigest sha = sha256();
        long size;
        try (DigestInputStream in = new DigestInputStream(content, sha);
             OutputStream out = Files.newOutputStream(file)) {
            size = in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new StagedBlob(file, size, HexFormat.of().formatHex(sha.digest()));
    }

    @Override
    public Path newTempFile() throws IOException {
        return Files.createTempFile(tmp, "blob-", ".part");
    }

    @Override
    public StagedBlob stageFile(Path tempFile) throws IOException {
        MessageDigest sha = sha256();
        long size;
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(tempFile), sha)) {
            size = in.transferTo(OutputStream.nullOutputStream());
        }
        return new StagedBlob(tempFile, size, HexFormat.of().formatHex(sha.digest()));
    }

    @Override
    public void commit(StagedBlob blob, String key) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        try (FileChannel channel = FileChannel.open(blob.file(), StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(blob.file(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(blob.file(), target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void discard(StagedBlob blob) {
        deleteQuietly(blob.file());
    }

    @Override
    public Path file(String key) throws IOException {
        Path file = resolve(key);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(key);
        }
        return file;
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(file(key));
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public void delete(String key) {
        deleteQuietly(resolve(key));
    }

    @Override
    public boolean deleteFolder(String folder) {
        Path dir = resolve(folder);
        if (dir.equals(root)) {
            return false; // never the whole store
        }
        if (!Files.isDirectory(dir)) {
            return !Files.exists(dir);
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            // deepest first, so that each folder is empty when its turn comes
            return walk.sorted(java.util.Comparator.reverseOrder()).map(FileSystemDocumentStore::deleteQuietly)
                    .reduce(true, Boolean::logicalAnd);
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.startsWith(tmp)) {
            throw new IllegalArgumentException("invalid storage key");
        }
        return path;
    }

    /** Deletes {@code file} if it is there; false if it could not be deleted. Never throws. */
    private static boolean deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
            return true;
        } catch (IOException ignored) {
            // A leftover temporary file is harmless; the store's tmp/ can be emptied at any time.
            return false;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
