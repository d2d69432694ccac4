package io.kyso.verification.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared attack corpus ({@code shared/attack-corpus}, beside the repository). Missing corpus
 * files fail the test: the corpus is part of the contract.
 */
public final class AttackCorpus {
    private AttackCorpus() {
    }

    public static byte[] read(String relative) {
        try {
            return Files.readAllBytes(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A corpus file; fails if it is not there (a corpus that lost a file must not pass quietly). */
    public static Path file(String relative) {
        Path file = root().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("attack corpus file missing: " + file);
        }
        return file;
    }

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("attack-corpus");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("shared/attack-corpus not found above " + Path.of("").toAbsolutePath());
    }
}
