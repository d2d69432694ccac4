package io.kyso.signer.intake;

import io.kyso.signer.problem.ErrorCode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * A lexical pass over a PDF's bytes that finds an indirect object defined twice within one revision
 * (between two {@code %%EOF} markers). Incremental updates may redefine objects in later revisions;
 * two definitions in the same revision are ambiguous: the cross-reference table picks one, a
 * repairing reader may pick the other. Streams through the file in constant memory.
 */
final class PdfStructure {
    private PdfStructure() {
    }

    static void requireUnambiguous(Path file) throws IOException, DocumentRejectedException {
        // chunks, not BufferedInputStream.read(): a lock per byte was a third of the scan's time
        try (InputStream in = Files.newInputStream(file)) {
            Scanner scanner = new Scanner();
            byte[] chunk = new byte[1 << 16];
            int n;
            while ((n = in.read(chunk)) >= 0) {
                for (int i = 0; i < n; i++) {
                    scanner.accept(chunk[i] & 0xFF);
                }
            }
        }
    }

    /**
     * Recognises "{@code <num> <gen> obj}" at the start of a line and "{@code %%EOF}". Matches are
     * tracked by a tiny state machine over the current line's first bytes.
     */
    private static final class Scanner {
        private final Set<Long> seen = new HashSet<>();
        private final StringBuilder line = new StringBuilder(32);
        private boolean collecting = true;

        void accept(int b) throws DocumentRejectedException {
            if (b == '\n' || b == '\r') {
                endOfLine();
                return;
            }
            if (collecting) {
                line.append((char) b);
                if (line.length() >= 24) {
                    endOfLine();
                    collecting = false;
                }
            }
        }

        private void endOfLine() throws DocumentRejectedException {
            if (mayMatter(line)) {
                examine(line.toString());
            }
            line.setLength(0);
            collecting = true;
        }

        /**
         * Only a line whose first non-blank byte is a digit or '%' can be "n g obj" or "%%EOF":
         * skipping the rest cheaply matters in binary streams (images), which are mostly short
         * "lines" of random bytes.
         */
        private static boolean mayMatter(StringBuilder line) {
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c > ' ') { // what examine's trim() leaves
                    return Character.isDigit(c) || c == '%';
                }
            }
            return false;
        }

        private void examine(String start) throws DocumentRejectedException {
            if (start.startsWith("%%EOF")) {
                seen.clear();
                return;
            }
            String[] parts = start.trim().split("\\s+", 4);
            if (parts.length >= 3 && parts[2].startsWith("obj") && isNumber(parts[0]) && isNumber(parts[1])) {
                long key = Long.parseLong(parts[0]) << 20 | Long.parseLong(parts[1]);
                if (!seen.add(key)) {
                    throw new DocumentRejectedException(ErrorCode.DOCUMENT_AMBIGUOUS_STRUCTURE,
                            "object " + parts[0] + " " + parts[1] + " is defined twice in the same revision, "
                                    + "so different PDF readers can show different content");
                }
            }
        }

        private static boolean isNumber(String s) {
            if (s.isEmpty() || s.length() > 10) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                if (!Character.isDigit(s.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
    }
}
