package io.kyso.signer.storage;

import io.micronaut.context.annotation.Context;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A {@link DocumentStore} on a local or mounted file system. Temporary files live in {@code tmp/}
 * under the same root, so commits are atomic renames. A commit is durable: the file is forced to the
 * device before the rename, and the folder that holds the new name (and every folder the commit had
 * to create, up to one that existed) is forced after it — a rename is a change of its folder, which
 * a power cut can undo until that folder is flushed.
 */
@Context
public class FileSystemDocumentStore implements DocumentStore {
    private static final String QUARANTINE = "quarantine";

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
    public Path workFolder() {
        return tmp;
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
        commitAll(Map.of(key, blob));
    }

    @Override
    public void commitAll(Map<String, StagedBlob> blobsByKey) throws IOException {
        Set<Path> changedFolders = new LinkedHashSet<>();
        for (Map.Entry<String, StagedBlob> entry : blobsByKey.entrySet()) {
            Path target = resolve(entry.getKey());
            changedFolders.addAll(createFolders(target.getParent()));
            // the commit's time, not the staging's: orphan sweeps judge a file by when it was committed
            Files.setLastModifiedTime(entry.getValue().file(), java.nio.file.attribute.FileTime.from(Instant.now()));
            force(entry.getValue().file());
            move(entry.getValue().file(), target);
            changedFolders.add(target.getParent());
        }
        for (Path folder : changedFolders) {
            force(folder);
        }
    }

    /** Creates {@code folder} and any missing parent; returns the folders whose entries changed. */
    private List<Path> createFolders(Path folder) throws IOException {
        List<Path> changed = new ArrayList<>();
        Path missing = folder;
        while (missing != null && !Files.isDirectory(missing)) {
            changed.add(missing.getParent());
            missing = missing.getParent();
        }
        if (!changed.isEmpty()) {
            Files.createDirectories(folder);
        }
        return changed;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Forces a file's content, or a folder's entries, to the device (fsync). */
    private static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, Files.isDirectory(path)
                ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            channel.force(true);
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
        try (Stream<Path> walk = Files.walk(dir)) {
            // deepest first, so that each folder is empty when its turn comes
            return walk.sorted(Comparator.reverseOrder()).map(FileSystemDocumentStore::deleteQuietly)
                    .reduce(true, Boolean::logicalAnd);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    @Override
    public List<StoredKey> list(String folder) throws IOException {
        Path dir = resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<StoredKey> keys = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                keys.add(new StoredKey(root.relativize(file).toString().replace('\\', '/'),
                        Files.getLastModifiedTime(file).toInstant()));
            }
        }
        return keys;
    }

    @Override
    public String quarantine(String key) throws IOException {
        Path source = file(key);
        String moved = QUARANTINE + "/" + Instant.now().toString().replace(':', '-') + "-" + UUID.randomUUID()
                + "/" + key;
        Path target = root.resolve(moved).normalize();
        List<Path> changed = createFolders(target.getParent());
        move(source, target);
        for (Path folder : changed) {
            force(folder);
        }
        force(target.getParent());
        force(source.getParent());
        return moved;
    }

    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.startsWith(tmp) || path.startsWith(root.resolve(QUARANTINE))) {
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
