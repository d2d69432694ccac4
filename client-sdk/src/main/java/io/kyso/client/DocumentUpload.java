package io.kyso.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One document of a new signing request: its name, content type, content and signing options.
 * The content is streamed when the request is sent, never read whole into memory.
 *
 * <p>Content from a file or a {@link StreamSupplier} can be sent again when a call is retried. A
 * plain {@link InputStream} ({@link #ofStream(String, String, InputStream)}) can be read once only,
 * so a call that carries one is not retried.
 */
public final class DocumentUpload {
    private final String name;
    private final String contentType;
    private final Path file;
    private final StreamSupplier stream;
    private final boolean repeatable;
    private final long length;
    private final DocumentOptions options;

    /** Opens the content afresh each time it is called: once per attempt of the call. */
    @FunctionalInterface
    public interface StreamSupplier {
        InputStream open() throws IOException;
    }

    private DocumentUpload(String name, String contentType, Path file, StreamSupplier stream, boolean repeatable,
                           long length, DocumentOptions options) {
        this.name = requireText(name, "name");
        this.contentType = requireText(contentType, "contentType");
        this.file = file;
        this.stream = stream;
        this.repeatable = repeatable;
        this.length = length;
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A PDF ({@code .pdf}) or XML ({@code .xml}) file, named after it. */
    public static DocumentUpload of(Path file) {
        String name = file.getFileName().toString();
        return of(file, name, contentTypeOf(name));
    }

    /** A file under another name or content type ({@code application/pdf}, {@code application/xml}, {@code text/xml}). */
    public static DocumentUpload of(Path file, String name, String contentType) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("not a readable file: " + file);
        }
        return new DocumentUpload(name, contentType, file, null, true, -1, DocumentOptions.NONE);
    }

    /** Content that {@code supplier} opens afresh for every attempt. */
    public static DocumentUpload ofStream(String name, String contentType, StreamSupplier supplier) {
        return new DocumentUpload(name, contentType, null, Objects.requireNonNull(supplier, "supplier"), true, -1,
                DocumentOptions.NONE);
    }

    /** Content that can be read once: the call that sends it is not retried. */
    public static DocumentUpload ofStream(String name, String contentType, InputStream content) {
        Objects.requireNonNull(content, "content");
        AtomicBoolean opened = new AtomicBoolean();
        StreamSupplier once = () -> {
            if (opened.getAndSet(true)) {
                throw new IOException("the content of \"" + name + "\" is a stream that was already sent once");
            }
            return content;
        };
        return new DocumentUpload(name, contentType, null, once, false, -1, DocumentOptions.NONE);
    }

    /** Content already in memory (small documents, tests). */
    public static DocumentUpload ofBytes(String name, String contentType, byte[] content) {
        byte[] copy = content.clone();
        return new DocumentUpload(name, contentType, null, () -> new ByteArrayInputStream(copy), true, copy.length,
                DocumentOptions.NONE);
    }

    /** The same document with these signing options. */
    public DocumentUpload withOptions(DocumentOptions signingOptions) {
        return new DocumentUpload(name, contentType, file, stream, repeatable, length, signingOptions);
    }

    public String name() {
        return name;
    }

    public String contentType() {
        return contentType;
    }

    public DocumentOptions options() {
        return options;
    }

    /** True if the content can be sent more than once (a file or a supplier). */
    public boolean isRepeatable() {
        return repeatable;
    }

    /** The file, when the content is one; it is then sent with a known length. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Opens the content for one attempt. */
    public InputStream open() throws IOException {
        return file != null ? Files.newInputStream(file) : stream.open();
    }

    /** The content's length when it is known without reading it (a file's, or bytes'). */
    public OptionalLong knownLength() {
        try {
            if (file != null) {
                return OptionalLong.of(Files.size(file));
            }
            return length >= 0 ? OptionalLong.of(length) : OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String contentTypeOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (lower.endsWith(".xml")) {
            return "application/xml";
        }
        throw new IllegalArgumentException("cannot tell the content type of \"" + name
                + "\" from its name; use DocumentUpload.of(file, name, contentType)");
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }

    @Override
    public String toString() {
        return "DocumentUpload[name=" + name + ", contentType=" + contentType + "]";
    }
}
