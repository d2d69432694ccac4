package io.kyso.verification;

/**
 * A file the engine will not judge: neither a PDF nor an XML document, or a second file with the same
 * name (detached signatures find their data by name, so names must be unique). The uploader's
 * mistake, not a verdict.
 */
public class UnsupportedFileException extends IllegalArgumentException {
    private final int index;
    private final String fileName;

    public UnsupportedFileException(int index, String fileName, String message) {
        super(message);
        this.index = index;
        this.fileName = fileName;
    }

    /** The file's position in the dossier, from 0. */
    public int index() {
        return index;
    }

    public String fileName() {
        return fileName;
    }
}
