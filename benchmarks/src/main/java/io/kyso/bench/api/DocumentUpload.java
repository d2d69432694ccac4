package io.kyso.bench.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * How a signing request and its document travel to the service: the streamed multipart form
 * ({@link #MULTIPART}, what client-sdk sends) or JSON with the document in base64
 * ({@link #JSON_BASE64}, documents held in memory). {@link ApiBenchmarks#UPLOAD} picks one; nothing
 * else in the harness knows the encoding.
 */
public interface DocumentUpload {

    /** The body and content type of {@code POST /api/v1/signing-requests} for one document. */
    HttpRequest.Builder encode(HttpRequest.Builder request, UUID citizenId, String title, BenchDocument document);

    /** {@code {"citizenId", "title", "documents": [{"name", "contentType", "content": base64}]}}. */
    DocumentUpload JSON_BASE64 = (request, citizenId, title, document) -> request.header("Content-Type", "application/json")
            .POST(BodyPublishers.ofByteArrays(List.of(
                    metadata(citizenId, title, document, ",\"content\":\"").getBytes(StandardCharsets.UTF_8),
                    document.base64(), "\"}]}".getBytes(StandardCharsets.UTF_8))));

    /** A {@code request} part (the metadata as JSON) and a {@code document} part streamed from the file. */
    DocumentUpload MULTIPART = (request, citizenId, title, document) -> {
        String boundary = "kyso-bench-" + UUID.randomUUID();
        try {
            return request.header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(BodyPublishers.concat(
                    BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"request\"\r\n"
                            + "Content-Type: application/json; charset=UTF-8\r\n\r\n"
                            + metadata(citizenId, title, document, "}]}") + "\r\n--" + boundary
                            + "\r\nContent-Disposition: form-data; name=\"document\"; filename=\"" + document.name()
                            + "\"\r\nContent-Type: " + document.contentType() + "\r\n\r\n", StandardCharsets.UTF_8),
                    BodyPublishers.ofFile(document.file()),
                    BodyPublishers.ofString("\r\n--" + boundary + "--\r\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };

    private static String metadata(UUID citizenId, String title, BenchDocument document, String end) {
        return "{\"citizenId\":\"" + citizenId + "\",\"title\":\"" + title + "\",\"documents\":[{\"name\":\""
                + document.name() + "\",\"contentType\":\"" + document.contentType() + "\""
                + (document.level() == null ? "" : ",\"options\":{\"level\":\"" + document.level() + "\"}") + end;
    }

    /**
     * A document to upload, and the signature level to ask for (null: the service's default); its
     * base64 is computed once, and only if an encoding asks for it.
     */
    final class BenchDocument {
        private final Path file;
        private final String contentType;
        private final String level;
        private byte[] base64;

        private BenchDocument(Path file, String contentType, String level) {
            this.file = file;
            this.contentType = contentType;
            this.level = level;
        }

        public static BenchDocument of(Path file, String contentType) {
            return new BenchDocument(file, contentType, null);
        }

        /** The same file, to be signed at {@code level} ({@code B-B}, {@code B-T}, {@code B-LT}, {@code B-LTA}). */
        public BenchDocument atLevel(String level) {
            return new BenchDocument(file, contentType, level);
        }

        public String level() {
            return level;
        }

        public String name() {
            return file.getFileName().toString();
        }

        public String contentType() {
            return contentType;
        }

        public Path file() {
            return file;
        }

        synchronized byte[] base64() {
            if (base64 == null) {
                try {
                    base64 = Base64.getEncoder().encode(Files.readAllBytes(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return base64;
        }
    }
}
