package io.kyso.verification;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files, streamed: documents are never read whole into memory to be hashed. */
public final class Digests {

    /** A file's SHA-256 (lowercase hex) and size. */
    public record Digest(String hex, long size) {
    }

    private Digests() {
    }

    public static Digest sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            long size = in.transferTo(OutputStream.nullOutputStream());
            return new Digest(HexFormat.of().formatHex(in.getMessageDigest().digest()), size);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
