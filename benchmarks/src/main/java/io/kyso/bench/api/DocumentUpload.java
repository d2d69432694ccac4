package io.kyso.bench.api;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * How a signing request and its document travel to the service. Today the API takes JSON with the
 * document in base64 ({@link #JSON_BASE64}); when streaming multipart upload lands, add its encoding
 * here and switch {@link ApiBenchmarks#UPLOAD}: nothing else in the harness knows the encoding.
 */
public interface DocumentUpload {

    /** The body and content type of {@code POST /api/v1/signing-requests} for one document. */
    HttpRequest.Builder encode(HttpRequest.Builder request, UUID citizenId, String title, BenchDocument document);

    /** {@code {"citizenId", "title", "documents": [{"name", "contentType", "content": base64}]}}. */
    DocumentUpload JSON_BASE64 = (request, citizenId, title, document) -> {
        String head = "{\"citizenId\":\"" + citizenId + "\",\"title\":\"" + title + "\",\"documents\":[{\"name\":\""
                + document.name() + "\",\"contentType\":\"" + document.contentType() + "\",\"content\":\"";
        byte[] start = head.getBytes(StandardCharsets.UTF_8);
        byte[] content = document.base64();
        byte[] end = "\"}]}".getBytes(StandardCharsets.UTF_8);
        return request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArrays(java.util.List.of(start, content, end)));
    };

    /** A document to upload, its base64 computed once (the driver must not spend its CPU re-encoding). */
    record BenchDocument(String name, String contentType, long size, byte[] base64) {
        public static BenchDocument of(java.nio.file.Path file, String contentType) throws java.io.IOException {
            byte[] content = java.nio.file.Files.readAllBytes(file);
            return new BenchDocument(file.getFileName().toString(), contentType, content.length,
                    Base64.getEncoder().encode(content));
        }
    }
}
