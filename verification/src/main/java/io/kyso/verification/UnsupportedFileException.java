package io.kyso.verification;

/**
 * A file the engine will not judge: neither a PDF nor an XML document, or a second file with the same
 * name (detached signatures find their data by name, so names must be unique). The uploader's
 * mistake, not a verdict.
 */
public class UnsupportedFileException extends IllegalArgumentException {
    /** What is wrong with the file. */
    public enum Reason { NOT_PDF_OR_XML, DUPLICATE_NAME }

    private final Reason reason;
    private final int index;
    private final String fileName;

    public UnsupportedFileException(Reason reason, int index, String fileName, String message) {
        super(message);
        this.reason = reason;
        this.index = index;
        this.fileName = fileName;
    }

    public Reason reason() {
        return reason;
    }

    /** The file's position in the dossier, from 0. */
    public int index() {
        return index;
    }

    public String fileName() {
        return fileName;
    }
}
