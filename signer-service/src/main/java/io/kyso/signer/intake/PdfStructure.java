package io.kyso.signer.intake;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfIndirectReference;
import com.itextpdf.kernel.pdf.PdfObject;
import io.kyso.signer.problem.ErrorCode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds the structures that let two PDF readers show different content: an indirect object defined
 * twice within one revision, or defined again after the definition the cross-reference table points
 * to. A reader that follows the table sees one definition; a reader that repairs (scans the file
 * for "{@code n g obj}", the last one winning) sees the other: the basis of signature-collision
 * attacks.
 *
 * <p>The scan reads the bytes as PDF tokens do, so that layout cannot hide a definition from it: any
 * PDF white-space (NUL, tab, line feed, form feed, carriage return, space) and comments may separate
 * "{@code n}", "{@code g}" and "{@code obj}", and a definition may start anywhere after white-space or
 * a delimiter, not only at the start of a line. A revision ends at a "{@code startxref n %%EOF}" whose
 * {@code n} names a cross-reference section before it; a bare "{@code %%EOF}" comment (or one inside
 * a stream) ends nothing. Streams through the file in constant memory but for two numbers per
 * definition. Literal strings and stream data are scanned too: a definition-like text there is
 * counted, which errs towards refusing.
 */
final class PdfStructure {
    private static final int CHUNK = 1 << 16;
    /** More definitions than any real document has; the scan keeps two numbers for each. */
    static final int MAX_DEFINITIONS = 500_000;

    private PdfStructure() {
    }

    /** An object number and generation. */
    record ObjectKey(long number, long generation) {
        @Override
        public String toString() {
            return number + " " + generation;
        }
    }

    /**
     * Refuses an object defined twice in one revision. Returns, for every object defined more than
     * once (in successive revisions), the offset of its last definition: what
     * {@link #requireResolvedToLast} checks once the cross-reference table is read.
     */
    static Map<ObjectKey, Long> requireUnambiguous(Path file) throws IOException, DocumentRejectedException {
        Scanner scanner = new Scanner();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[CHUNK];
            int n;
            while ((n = in.read(chunk)) >= 0) {
                for (int i = 0; i < n; i++) {
                    scanner.accept(chunk[i] & 0xFF);
                }
                scanner.requireNoRepeatSinceMarker();
            }
            scanner.end();
        }
        scanner.requireNoRepeatSinceMarker();
        long[] revisionEnds = genuineRevisionEnds(file, scanner);
        return duplicates(scanner, revisionEnds);
    }

    /**
     * Refuses a document whose cross-reference table resolves an object defined more than once to a
     * definition that is not the last in the file: a repairing reader would use the last one.
     */
    static void requireResolvedToLast(PdfDocument pdf, Map<ObjectKey, Long> redefined) throws DocumentRejectedException {
        for (Map.Entry<ObjectKey, Long> entry : redefined.entrySet()) {
            ObjectKey key = entry.getKey();
            if (key.number() > Integer.MAX_VALUE || key.number() >= pdf.getNumberOfPdfObjects()) {
                continue; // not in the table: no reader that follows it uses this object
            }
            PdfObject object = pdf.getPdfObject((int) key.number());
            PdfIndirectReference reference = object == null ? null : object.getIndirectReference();
            if (reference == null || reference.getGenNumber() != key.generation() || reference.getObjStreamNumber() != 0) {
                continue;
            }
            if (reference.getOffset() != entry.getValue()) {
                throw new DocumentRejectedException(ErrorCode.DOCUMENT_AMBIGUOUS_STRUCTURE, "object " + key
                        + " is defined again after the definition its cross-reference table points to, so different"
                        + " PDF readers can show different content");
            }
        }
    }

    /** The offsets of the "%%EOF" markers that end a revision, in order; the file's end last. */
    private static long[] genuineRevisionEnds(Path file, Scanner scanner) throws IOException {
        long[] ends = new long[scanner.markerCount + 1];
        int count = 0;
        long previousSection = -1;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int i = 0; i < scanner.markerCount; i++) {
                long marker = scanner.markers[2 * i];
                long section = scanner.markers[2 * i + 1];
                if (section > previousSection && section < marker && isSectionAt(channel, section)) {
                    ends[count++] = marker;
                    previousSection = section;
                }
            }
        }
        ends[count++] = Long.MAX_VALUE;
        return Arrays.copyOf(ends, count);
    }

    /** Whether a cross-reference section starts at {@code offset}: "xref", or "n g obj" (a stream). */
    private static boolean isSectionAt(FileChannel channel, long offset) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(40);
        channel.read(head, offset);
        String text = new String(head.array(), 0, head.position(), StandardCharsets.ISO_8859_1);
        return text.startsWith("xref") || text.matches("(?s)\\d{1,10}[\\x00\\t\\n\\f\\r ]+\\d{1,5}[\\x00\\t\\n\\f\\r ]+obj.*");
    }

    private static Map<ObjectKey, Long> duplicates(Scanner scanner, long[] revisionEnds)
            throws DocumentRejectedException {
        Set<ObjectKey> inRevision = new HashSet<>();
        Map<ObjectKey, Long> last = new HashMap<>();
        Set<ObjectKey> redefined = new HashSet<>();
        int revision = 0;
        for (int i = 0; i < scanner.definitionCount; i++) {
            long offset = scanner.definitions[3 * i + 2];
            while (offset > revisionEnds[revision]) {
                revision++;
                inRevision.clear();
            }
            ObjectKey key = new ObjectKey(scanner.definitions[3 * i], scanner.definitions[3 * i + 1]);
            if (!inRevision.add(key)) {
                throw definedTwice(key);
            }
            if (last.put(key, offset) != null) {
                redefined.add(key);
            }
        }
        last.keySet().retainAll(redefined);
        return last;
    }

    private static DocumentRejectedException definedTwice(ObjectKey key) {
        return new DocumentRejectedException(ErrorCode.DOCUMENT_AMBIGUOUS_STRUCTURE, "object " + key
                + " is defined twice in the same revision, so different PDF readers can show different content");
    }

    /**
     * A small tokenizer: white-space, delimiters, comments and regular tokens as PDF defines them.
     * Keeps the last two tokens to recognise "n g obj" and "startxref n", and the "%%EOF" comments.
     */
    private static final class Scanner {
        private static final int MAX_TOKEN = 12;
        private static final byte[] OBJ = "obj".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] STARTXREF = "startxref".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] EOF_MARKER = "%%EOF".getBytes(StandardCharsets.US_ASCII);

        /** Definitions found: number, generation, offset; three longs each. */
        long[] definitions = new long[3 * 64];
        int definitionCount;
        /** "%%EOF" markers right after "startxref n": the marker's offset and n; two longs each. */
        long[] markers = new long[2 * 8];
        int markerCount;
        /**
         * Definitions since the last "%%EOF" marker: every revision end is such a marker, so a repeat
         * among them is in one revision whatever the markers turn out to be; checked as the scan goes,
         * so that a file of repeated definitions is refused before it fills memory.
         */
        private final Set<Long> sinceMarker = new HashSet<>();
        private ObjectKey repeated;

        private long position;
        private final byte[] token = new byte[MAX_TOKEN];
        private int tokenLength;
        private long tokenStart;
        private boolean inComment;
        private long commentStart;
        private int commentMatched;
        // the two tokens before the current one: INT (value), OTHER, or one of the keywords
        private Kind kind1 = Kind.NONE;
        private long value1;
        private long start1;
        private Kind kind2 = Kind.NONE;
        private long value2;
        private long start2;

        private enum Kind { NONE, INT, OBJ, STARTXREF, OTHER }

        void accept(int b) {
            if (inComment) {
                if (b == '\n' || b == '\r') {
                    endComment();
                } else if (commentMatched < EOF_MARKER.length && commentMatched >= 0) {
                    commentMatched = b == EOF_MARKER[commentMatched] ? commentMatched + 1 : -1;
                }
            } else if (isWhiteSpace(b)) {
                endToken();
            } else if (b == '%') {
                endToken();
                inComment = true;
                commentStart = position;
                commentMatched = 1;
            } else if (isDelimiter(b)) {
                endToken();
                forget(); // "n g obj" is three regular tokens with nothing but white-space between them
            } else {
                if (tokenLength == 0) {
                    tokenStart = position;
                }
                if (tokenLength < MAX_TOKEN) {
                    token[tokenLength] = (byte) b;
                }
                tokenLength++;
            }
            position++;
        }

        void end() {
            if (inComment) {
                endComment();
            }
            endToken();
        }

        private void endComment() {
            inComment = false;
            if (commentMatched == EOF_MARKER.length && kind1 == Kind.INT && kind2 == Kind.STARTXREF) {
                addMarker(commentStart, value1);
            }
        }

        private void endToken() {
            if (tokenLength == 0) {
                return;
            }
            Kind kind = classify();
            long value = kind == Kind.INT ? Long.parseLong(new String(token, 0, tokenLength, StandardCharsets.US_ASCII)) : 0;
            if (kind == Kind.OBJ && kind1 == Kind.INT && kind2 == Kind.INT) {
                addDefinition(value2, value1, start2);
            }
            kind2 = kind1;
            value2 = value1;
            start2 = start1;
            kind1 = kind;
            value1 = value;
            start1 = tokenStart;
            tokenLength = 0;
        }

        private Kind classify() {
            if (tokenLength > MAX_TOKEN) {
                return Kind.OTHER;
            }
            if (tokenLength <= 10 && allDigits()) {
                return Kind.INT;
            }
            if (Arrays.equals(token, 0, tokenLength, OBJ, 0, OBJ.length)) {
                return Kind.OBJ;
            }
            if (Arrays.equals(token, 0, tokenLength, STARTXREF, 0, STARTXREF.length)) {
                return Kind.STARTXREF;
            }
            return Kind.OTHER;
        }

        private boolean allDigits() {
            for (int i = 0; i < tokenLength; i++) {
                if (token[i] < '0' || token[i] > '9') {
                    return false;
                }
            }
            return true;
        }

        private void forget() {
            kind1 = Kind.NONE;
            kind2 = Kind.NONE;
        }

        /** Throws if a definition repeated one since the last marker, or there are too many. */
        void requireNoRepeatSinceMarker() throws DocumentRejectedException {
            if (repeated != null) {
                throw definedTwice(repeated);
            }
            if (definitionCount > MAX_DEFINITIONS) {
                throw new DocumentRejectedException(ErrorCode.DOCUMENT_TOO_LARGE, "it defines more than "
                        + MAX_DEFINITIONS + " objects");
            }
        }

        private void addDefinition(long number, long generation, long offset) {
            if (definitionCount >= MAX_DEFINITIONS) {
                definitionCount = MAX_DEFINITIONS + 1; // refused at the end of this chunk
                return;
            }
            if (repeated == null && !sinceMarker.add(number << 16 ^ generation)) {
                repeated = new ObjectKey(number, generation);
            }
            if (3 * definitionCount + 3 > definitions.length) {
                definitions = Arrays.copyOf(definitions, definitions.length * 2);
            }
            definitions[3 * definitionCount] = number;
            definitions[3 * definitionCount + 1] = generation;
            definitions[3 * definitionCount + 2] = offset;
            definitionCount++;
        }

        private void addMarker(long offset, long section) {
            sinceMarker.clear();
            if (2 * markerCount + 2 > markers.length) {
                markers = Arrays.copyOf(markers, markers.length * 2);
            }
            markers[2 * markerCount] = offset;
            markers[2 * markerCount + 1] = section;
            markerCount++;
        }

        private static boolean isWhiteSpace(int b) {
            return b == 0 || b == '\t' || b == '\n' || b == '\f' || b == '\r' || b == ' ';
        }

        private static boolean isDelimiter(int b) {
            return b == '(' || b == ')' || b == '<' || b == '>' || b == '[' || b == ']' || b == '{' || b == '}'
                    || b == '/';
        }
    }
}
