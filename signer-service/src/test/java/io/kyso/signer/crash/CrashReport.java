package io.kyso.signer.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a run did and found, as text: each kill (the phase aimed at, where every thread was when the
 * process died, the restart, the retries), the HSM outage, and every violation once (the first
 * check that found it, and in how many checks it was found).
 */
final class CrashReport {
    private final String database;
    private final List<String> lines = new ArrayList<>();
    private final Map<String, Violation> violations = new LinkedHashMap<>();
    private final Map<String, Integer> seen = new LinkedHashMap<>();
    private final long started = System.nanoTime();

    CrashReport(String database) {
        this.database = database;
    }

    void line(String text) {
        lines.add(text);
    }

    /** Keeps each violation once, by invariant and subject; a later sighting only counts. */
    void violations(List<Violation> found) {
        for (Violation violation : found) {
            String key = violation.invariant() + " " + violation.subject();
            violations.putIfAbsent(key, violation);
            seen.merge(key, 1, Integer::sum);
        }
    }

    List<Violation> violations() {
        return List.copyOf(violations.values());
    }

    /** Where the threads were when the process died: {@code CONFIRM ×3, CREATE ×2, …}. */
    static String phases(Map<Integer, PhaseBoard.Slot> slots) {
        Map<Phase, Long> counts = new TreeMap<>(slots.values().stream()
                .collect(Collectors.groupingBy(PhaseBoard.Slot::phase, Collectors.counting())));
        return counts.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
    }

    String text() {
        StringBuilder text = new StringBuilder("Crash harness on " + database + ", "
                + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s\n");
        lines.forEach(line -> text.append("  ").append(line).append('\n'));
        Map<Invariant, List<String>> byInvariant = new TreeMap<>();
        violations.forEach((key, v) -> byInvariant.computeIfAbsent(v.invariant(), i -> new ArrayList<>())
                .add(v + (seen.get(key) > 1 ? " (found in " + seen.get(key) + " checks)" : "")));
        text.append(violations.isEmpty() ? "  No violation.\n" : "  " + violations.size() + " violation(s):\n");
        byInvariant.forEach((invariant, list) -> {
            text.append("  ").append(invariant).append(": ").append(invariant.rule()).append(" — ")
                    .append(list.size()).append('\n');
            list.forEach(v -> text.append("    ").append(v).append('\n'));
        });
        return text.toString();
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text());
    }
}
