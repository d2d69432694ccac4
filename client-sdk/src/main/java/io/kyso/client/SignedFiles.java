package io.kyso.client;


import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes downloaded documents to disk: whole or not at all, under a safe name, checked against their digest. */
final class SignedFiles {
    private static final Pattern EXTENDED = Pattern.compile("filename\\*\\s*=\\s*([^']*)'[^']*'([^;]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PLAIN = Pattern.compile("filename\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private SignedFiles() {
    }

    /**
     * The name Kyso gives the file ({@code Content-Disposition}, RFC 6266, preferring the UTF-8
     * {@code filename*}), reduced to its last path segment so that a name can never escape the
     * target directory; the document's id when there is none.
     */
    static String filename(HttpResponse<?> response, UUID documentId) {
        String header = response.headers().firstValue("Content-Disposition").orElse("");
        String name = null;
        Matcher extended = EXTENDED.matcher(header);
        if (extended.find() && "utf-8".equalsIgnoreCase(extended.group(1).strip())) {
            name = URLDecoder.decode(extended.group(2).strip().replace("+", "%2B"), StandardCharsets.UTF_8);
        } else {
            Matcher plain = PLAIN.matcher(header);
            if (plain.find()) {
                name = plain.group(1);
            }
        }
        return safe(name, documentId.toString());
    }

    static String safe(String name, String fallback) {
        if (name == null) {
            return fallback;
        }
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .replaceAll("[\\p{Cntrl}]", "").strip();
        return last.isEmpty() || last.equals(".") || last.equals("..") ? fallback : last;
    }

    /** {@code name}, or {@code 2-name}, {@code 3-name}… if an earlier document of the dossier took it. */
    static String uniqueName(String name, Set<String> used) {
        String candidate = name;
        for (int n = 2; used.contains(candidate); n++) {
            candidate = n + "-" + name;
        }
        return candidate;
    }

    /**
     * Streams {@code body} to a temporary file beside {@code target}, checks its SHA-256 when
     * {@code expectedSha256} is given, then moves it over {@code target}.
     */
    static Path write(InputStream body, Path target, String expectedSha256) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".kyso-", ".part");
        try {
            MessageDigest sha = sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
                body.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(sha.digest());
            if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(actual)) {
                throw new KysoIntegrityException("The download of " + target.getFileName() + " has SHA-256 " + actual
                        + ", Kyso reported " + expectedSha256 + "; it was not kept");
            }
            move(temp, target);
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
