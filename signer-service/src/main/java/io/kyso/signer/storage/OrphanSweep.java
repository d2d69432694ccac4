package io.kyso.signer.storage;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Finds the files under one folder of the store that no committed state refers to, and moves them
 * to quarantine. A file is committed to the store before the transaction that refers to it; a crash
 * or a failed transaction in between leaves it behind. It was never served (answers come from the
 * database), and is not deleted either: an operator can look at it. The feature that owns the folder
 * says which keys its committed state refers to; files written after {@code before} are left
 * alone, since a call still running may be about to commit the transaction that refers to them.
 */
public final class OrphanSweep {
    private static final int BATCH = 500;

    /** Which of some keys of its folder the owner's committed state refers to. */
    @FunctionalInterface
    public interface References {
        Set<String> referenced(Collection<String> keys);
    }

    /** A file moved aside: its key, and where it went. */
    public record Quarantined(String key, String movedTo) {
    }

    private OrphanSweep() {
    }

    /** Quarantines the unreferenced files of {@code folder} last written before {@code before}; returns them. */
    public static List<Quarantined> sweep(DocumentStore store, String folder, References references, Instant before)
            throws IOException {
        List<String> candidates = new ArrayList<>();
        for (DocumentStore.StoredKey stored : store.list(folder)) {
            if (stored.modified().isBefore(before)) {
                candidates.add(stored.key());
            }
        }
        List<Quarantined> moved = new ArrayList<>();
        for (int from = 0; from < candidates.size(); from += BATCH) {
            List<String> batch = candidates.subList(from, Math.min(candidates.size(), from + BATCH));
            Set<String> referenced = references.referenced(batch);
            for (String key : batch) {
                if (!referenced.contains(key) && store.exists(key)) {
                    moved.add(new Quarantined(key, store.quarantine(key)));
                }
            }
        }
        return moved;
    }
}
