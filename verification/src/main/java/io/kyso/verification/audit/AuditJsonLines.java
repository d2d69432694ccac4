package io.kyso.verification.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The audit export format: JSON Lines. A {@link AuditExportLine.Header} first, then one
 * {@link ChainedEntry} per line in the chain's order, every field present (null where empty) so that
 * the hash can be recomputed, then the {@link AuditExportLine.Seal} over the last entry and the
 * {@link AuditExportLine.Crls} to check it with. Exports of earlier versions have entries only, some
 * of them redacted: only {@code seq}, {@code redacted}, {@code prevHash} and {@code entryHash}.
 */
public final class AuditJsonLines {
    public static final String MEDIA_TYPE = "application/x-ndjson";
    private static final ObjectMapper FULL = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.ALWAYS).build();

    private AuditJsonLines() {
    }

    /** One line, newline included. */
    public static void write(ChainedEntry entry, Writer out) throws IOException {
        Object line = entry.isRedacted() ? new RedactedLine(entry.seq(), true, entry.prevHash(), entry.entryHash()) : entry;
        out.write(FULL.writeValueAsString(line));
        out.write('\n');
    }

    /** One line: the header. */
    public static void write(AuditExportLine.Header header, Writer out) throws IOException {
        out.write(FULL.writeValueAsString(header));
        out.write('\n');
    }

    /** One line: the seal (statement and signature in base64). */
    public static void write(AuditExportLine.Seal seal, Writer out) throws IOException {
        out.write(FULL.writeValueAsString(new SealLine(seal)));
        out.write('\n');
    }

    /** One line: the revocation lists (base64 DER). */
    public static void write(AuditExportLine.Crls crls, Writer out) throws IOException {
        out.write(FULL.writeValueAsString(crls));
        out.write('\n');
    }

    /** Reads an export line by line: each non-blank line's number (from 1) and what it is. */
    public static void readExport(Path file, ExportConsumer consumer) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (!line.isBlank()) {
                    consumer.accept(number, parseExportLine(line));
                }
            }
        }
    }

    /** Receives the lines of an export. */
    @FunctionalInterface
    public interface ExportConsumer {
        void accept(long lineNumber, AuditExportLine line);
    }

    /** What one line of an export is. */
    public static AuditExportLine parseExportLine(String line) {
        try {
            JsonNode node = FULL.readTree(line);
            if (node.has("kysoAuditExport")) {
                return FULL.treeToValue(node, AuditExportLine.Header.class);
            }
            if (node.has("seal")) {
                return FULL.treeToValue(node, SealLine.class).seal();
            }
            if (node.has("crls")) {
                return FULL.treeToValue(node, AuditExportLine.Crls.class);
            }
        } catch (IOException | RuntimeException e) {
            return new AuditExportLine.Unreadable();
        }
        ChainedEntry entry = parse(line);
        return entry == null ? new AuditExportLine.Unreadable() : new AuditExportLine.Entry(entry);
    }

    /** Receives each non-blank line of a file: its number (from 1) and its entry, or null if it is not one. */
    @FunctionalInterface
    public interface LineConsumer {
        void accept(long lineNumber, ChainedEntry entryOrNull);
    }

    /** Reads a JSON Lines file of entries, line by line. */
    public static void read(Path file, LineConsumer consumer) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (!line.isBlank()) {
                    consumer.accept(number, parse(line));
                }
            }
        }
    }

    /** Reads an export and walks its chain of entries (header, seal and revocation lines aside). */
    public static ChainCheck check(Path export) throws IOException {
        AuditChainWalker walker = new AuditChainWalker();
        readExport(export, (number, line) -> {
            if (line instanceof AuditExportLine.Entry entry) {
                walker.accept(entry.entry());
            } else if (line instanceof AuditExportLine.Unreadable) {
                walker.unreadable(number);
            }
        });
        return walker.result();
    }

    /** Null if the line is not an entry. */
    public static ChainedEntry parse(String line) {
        try {
            RedactedLine redacted = FULL.readValue(line, RedactedLine.class);
            if (redacted.redacted()) {
                return ChainedEntry.redacted(redacted.seq(), redacted.prevHash(), redacted.entryHash());
            }
            ChainedEntry entry = FULL.readValue(line, ChainedEntry.class);
            return entry.type() == null || entry.occurredAt() == null || entry.outcome() == null ? null : entry;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** How the seal line is written: one field, so that no entry is ever mistaken for it. */
    record SealLine(AuditExportLine.Seal seal) {
    }

    /** What a redacted line holds. */
    record RedactedLine(long seq, boolean redacted, String prevHash, String entryHash) {
    }
}
