package io.kyso.client;


import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;

/**
 * A {@code multipart/form-data} body for a new signing request: first the {@code request} part
 * (the metadata as JSON), then one {@code document} part per document, in the order of the
 * metadata. Document content is streamed from its file or stream when the body is sent, never
 * buffered; a body of files only has a known length, so it is not sent chunked.
 */
final class Multipart {
    static final String REQUEST_PART = "request";
    static final String DOCUMENT_PART = "document";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary;

    Multipart() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        this.boundary = "kyso-" + HexFormat.of().formatHex(random);
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** A fresh publisher of the whole body; documents are opened when it is sent. */
    HttpRequest.BodyPublisher publisher(byte[] requestJson, List<DocumentUpload> documents) throws IOException {
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        parts.add(ascii("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + REQUEST_PART + "\"\r\n"
                + "Content-Type: application/json; charset=UTF-8\r\n\r\n"));
        parts.add(BodyPublishers.ofByteArray(requestJson));
        for (int i = 0; i < documents.size(); i++) {
            DocumentUpload doc = documents.get(i);
            parts.add(ascii("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + DOCUMENT_PART
                    + "\"; filename=\"" + asciiFilename(doc.name(), i) + "\"\r\nContent-Type: " + doc.contentType()
                    + "\r\n\r\n"));
            parts.add(content(doc));
        }
        parts.add(ascii("\r\n--" + boundary + "--\r\n"));
        return BodyPublishers.concat(parts.toArray(new HttpRequest.BodyPublisher[0]));
    }

    private static HttpRequest.BodyPublisher content(DocumentUpload doc) throws IOException {
        if (doc.file().isPresent()) {
            return BodyPublishers.ofFile(doc.file().get());
        }
        HttpRequest.BodyPublisher stream = BodyPublishers.ofInputStream(() -> {
            try {
                return doc.open();
            } catch (IOException e) {
                return failing(e);
            }
        });
        OptionalLong length = doc.knownLength();
        return length.isPresent() ? BodyPublishers.fromPublisher(stream, length.getAsLong()) : stream;
    }

    /** A stream that reports why the content could not be opened, which fails the send. */
    private static InputStream failing(IOException cause) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw cause;
            }
        };
    }

    /**
     * The part's filename is informational (the metadata names the document, in any script), so it
     * is kept to safe ASCII rather than relying on how a server decodes non-ASCII header bytes.
     */
    static String asciiFilename(String name, int index) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.chars().allMatch(c -> c == '_' || c == '.') ? "document-" + (index + 1) : safe;
    }

    private static HttpRequest.BodyPublisher ascii(String text) {
        return BodyPublishers.ofByteArray(text.getBytes(StandardCharsets.US_ASCII));
    }
}
