package io.kyso.signer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files of the repository the tests read: the README, the docs and their examples. */
public final class Repository {
    private Repository() {
    }

    /** The repository's root: the folder with the README and the modules. */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("hsm-adapter"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }

    /** Copies the example dossier ({@code docs/examples}) into {@code folder} and returns it. */
    public static Path copyExamples(Path folder) {
        try (var examples = Files.list(root().resolve("docs/examples"))) {
            for (Path example : examples.toList()) {
                Files.copy(example, folder.resolve(example.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
