package io.kyso.verification;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file of a dossier to verify: its name as the uploader gave it (a detached signature finds the
 * file it covers by this name) and where its bytes are.
 */
public record InputFile(String name, Path file) {
    public InputFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
    }
}
