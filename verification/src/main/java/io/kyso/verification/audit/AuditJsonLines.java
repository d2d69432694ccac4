package io.kyso.verification.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
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
 * The audit export format: JSON Lines, one {@link ChainedEntry} per line in sequence order, every
 * field present (null where empty) so that the hash can be recomputed; a redacted entry has only
 * {@code seq}, {@code redacted}, {@code prevHash} and {@code entryHash}.
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

    /** Reads an export and walks its chain: the check {@code kyso-verify audit} runs. */
    public static ChainCheck check(Path export) throws IOException {
        AuditChainWalker walker = new AuditChainWalker();
        read(export, (number, entry) -> {
            if (entry == null) {
                walker.unreadable(number);
            } else {
                walker.accept(entry);
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

    /** What a redacted line holds. */
    record RedactedLine(long seq, boolean redacted, String prevHash, String entryHash) {
    }
}
