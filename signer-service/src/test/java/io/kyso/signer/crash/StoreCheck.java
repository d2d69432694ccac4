package io.kyso.signer.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The document store as an operator finds it on disk ({@code <data>/documents}): every original
 * ({@code originals/<request>/<document>}) and signed output ({@code signed/<request>/<document>})
 * must belong to a request that exists and to a document it has; a signed output must be that of
 * a document the database calls SIGNED, with the digest the database holds. Temporary files in
 * {@code tmp/} are listed: a crash may leave some; calls that ended should not.
 */
final class StoreCheck {
    /** The requests the store holds files of, what was counted, and the names of the files left in {@code tmp/}. */
    record Findings(Set<UUID> requests, int originals, int signed, List<String> staged) {
        String summary() {
            return originals + " originals and " + signed + " signed files in the store (" + staged.size()
                    + " temporary files in tmp/)";
        }
    }

    private final Path root;

    StoreCheck(Path root) {
        this.root = root;
    }

    Findings run(ObservedRequests observed, String when, List<Violation> violations) {
        Set<UUID> requests = new LinkedHashSet<>();
        int originals = 0;
        int signed = 0;
        for (Path file : files("originals")) {
            originals++;
            check(file, false, observed, when, violations, requests);
        }
        for (Path file : files("signed")) {
            signed++;
            check(file, true, observed, when, violations, requests);
        }
        return new Findings(requests, originals, signed, files("tmp").stream().map(f -> f.getFileName().toString()).toList());
    }

    private void check(Path file, boolean signedOutput, ObservedRequests observed, String when,
                       List<Violation> violations, Set<UUID> requests) {
        String name = root.relativize(file).toString();
        UUID request = uuid(file.getParent().getFileName().toString());
        UUID document = uuid(file.getFileName().toString());
        if (request == null || document == null) {
            violations.add(new Violation(when, Invariant.STORE_HOLDS_ONLY_COMMITTED, "file " + name, "nothing",
                    "a file named after no request and document"));
            return;
        }
        requests.add(request);
        Answer answer = observed.get(request);
        String status = answer.status() == 200 ? ObservedRequests.documentStatus(answer, document) : null;
        if (answer.status() != 200 || status == null) {
            violations.add(new Violation(when, Invariant.STORE_HOLDS_ONLY_COMMITTED, "file " + name, "nothing",
                    answer.status() != 200 ? "a file whose request does not exist (" + answer.summary() + ")"
                            : "a file of a document request " + request + " does not have"));
        } else if (signedOutput && !"SIGNED".equals(status)) {
            violations.add(new Violation(when, Invariant.STORE_HOLDS_ONLY_COMMITTED, "file " + name,
                    "document " + status + ", request " + answer.field("status"), "a signed output in the store"));
        } else if (signedOutput && !sha256(file).equals(ObservedRequests.signedSha256(answer, document))) {
            violations.add(new Violation(when, Invariant.STORE_HOLDS_ONLY_COMMITTED, "file " + name,
                    "signedSha256 " + ObservedRequests.signedSha256(answer, document), "SHA-256 " + sha256(file)));
        }
    }

    /** The regular files under {@code folder} of the store. */
    private List<Path> files(String folder) {
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) {
        try {
            return CrashChecks.sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UUID uuid(String name) {
        try {
            return UUID.fromString(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
