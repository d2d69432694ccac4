package io.kyso.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every figure of one run, by id (e.g. {@code raw.sunPkcs11.EC_P256.t1}), and free-text findings. */
public final class Results {
    private final Map<String, Stats> figures = new LinkedHashMap<>();
    private final Map<String, String> notes = new LinkedHashMap<>();

    public synchronized void put(String id, Stats stats) {
        figures.put(id, stats);
        System.out.printf("  %-48s %12.3f  (median of %d, %.3f..%.3f)%n", id, stats.median(), stats.runs(), stats.min(),
                stats.max());
    }

    public synchronized void note(String id, String text) {
        notes.put(id, text);
        System.out.printf("  %-48s %s%n", id, text);
    }

    public synchronized Optional<Stats> get(String id) {
        return Optional.ofNullable(figures.get(id));
    }

    public synchronized Optional<Double> median(String id) {
        return get(id).map(Stats::median);
    }

    public synchronized Optional<String> noteOf(String id) {
        return Optional.ofNullable(notes.get(id));
    }
}
