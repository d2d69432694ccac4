package io.kyso.client;


import io.kyso.client.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;

/** {@link SigningRequests} over {@code /api/v1/signing-requests}. */
final class HttpSigningRequests implements SigningRequests {
    private static final String PATH = "/api/v1/signing-requests";

    private final Transport transport;
    private final KysoConfig config;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;

    HttpSigningRequests(Transport transport, KysoConfig config, Sleeper sleeper, LongSupplier nanoTime) {
        this.transport = transport;
        this.config = config;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
    }

    @Override
    public SigningRequest create(NewSigningRequest request) {
        Objects.requireNonNull(request, "request");
        byte[] metadata = Json.write(Models.metadataJson(request)).getBytes(StandardCharsets.UTF_8);
        Multipart multipart = new Multipart();
        String key = request.idempotencyKey() != null ? request.idempotencyKey() : UUID.randomUUID().toString();
        boolean repeatable = request.documents().stream().allMatch(DocumentUpload::isRepeatable);
        Transport.Call call = new Transport.Call("POST", PATH,
                () -> multipart.publisher(metadata, request.documents()), multipart.contentType(), key, repeatable);
        return Models.signingRequest(transport.json(call));
    }

    @Override
    public SigningRequest get(UUID requestId) {
        return Models.signingRequest(transport.json(Transport.Call.get(path(requestId))));
    }

    @Override
    public SigningRequest resendCode(UUID requestId) {
        return post(path(requestId) + "/otp", null);
    }

    @Override
    public SigningRequest confirm(UUID requestId, String code) {
        Objects.requireNonNull(code, "code");
        return post(path(requestId) + "/confirmation", Map.of("otp", code));
    }

    @Override
    public SigningRequest reject(UUID requestId) {
        return post(path(requestId) + "/rejection", null);
    }

    private SigningRequest post(String path, Object body) {
        return Models.signingRequest(transport.json(Transport.Call.postJson(path, body)));
    }

    @Override
    public SigningRequest awaitFinalState(UUID requestId, Duration timeout) {
        long deadline = nanoTime.getAsLong() + timeout.toNanos();
        Duration pause = config.pollInterval();
        while (true) {
            SigningRequest request = get(requestId);
            if (request.isFinal()) {
                return request;
            }
            long left = deadline - nanoTime.getAsLong();
            if (left <= 0) {
                throw new KysoTimeoutException("Signing request " + requestId + " is still " + request.status()
                        + " after " + timeout, request);
            }
            pause(pause.toNanos() < left ? pause : Duration.ofNanos(left));
            Duration doubled = pause.multipliedBy(2);
            pause = doubled.compareTo(config.maxPollInterval()) > 0 ? config.maxPollInterval() : doubled;
        }
    }

    @Override
    public void downloadSigned(UUID requestId, UUID documentId, OutputStream out) {
        transport.receive(Transport.Call.get(signedPath(requestId, documentId)), (response, body) -> body.transferTo(out),
                false);
    }

    @Override
    public Path downloadSigned(UUID requestId, UUID documentId, Path file) {
        return transport.receive(Transport.Call.get(signedPath(requestId, documentId)),
                (response, body) -> SignedFiles.write(body, file, null), true);
    }

    @Override
    public List<Path> downloadSignedDocuments(SigningRequest request, Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> files = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (SigningRequest.Document doc : request.documents()) {
            if (doc.status() != DocumentStatus.SIGNED) {
                continue;
            }
            Path file = transport.receive(Transport.Call.get(signedPath(request.id(), doc.id())), (response, body) -> {
                String name = SignedFiles.uniqueName(SignedFiles.filename(response, doc.id()), used);
                return SignedFiles.write(body, directory.resolve(name), doc.signedSha256());
            }, true);
            used.add(file.getFileName().toString());
            files.add(file);
        }
        return files;
    }

    private void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KysoException("interrupted while waiting for a signing request", e);
        }
    }

    private static String path(UUID requestId) {
        return PATH + "/" + Objects.requireNonNull(requestId, "requestId");
    }

    private static String signedPath(UUID requestId, UUID documentId) {
        return path(requestId) + "/documents/" + Objects.requireNonNull(documentId, "documentId") + "/signed";
    }
}
