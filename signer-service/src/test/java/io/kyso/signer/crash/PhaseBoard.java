package io.kyso.signer.crash;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Deque;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Which call each worker thread is inside, and since when; how long calls of each phase took. The
 * driver reads it to kill the service while a thread is deep inside the phase it aims at.
 */
final class PhaseBoard {
    /** One worker's place: its phase, since when ({@link System#nanoTime()}), for which request (if known). */
    record Slot(Phase phase, long since, UUID requestId) {
        @Override
        public String toString() {
            return phase + (requestId == null ? "" : " " + requestId);
        }
    }

    /** How many recent calls of a phase its typical duration is taken from: the first calls (JIT, caches) are slow. */
    private static final int RECENT = 32;

    private final AtomicReferenceArray<Slot> slots;
    private final Map<Phase, Deque<Long>> durations = new EnumMap<>(Phase.class);

    PhaseBoard(int workers) {
        slots = new AtomicReferenceArray<>(workers);
        for (int i = 0; i < workers; i++) {
            slots.set(i, new Slot(Phase.IDLE, System.nanoTime(), null));
        }
        for (Phase phase : Phase.values()) {
            durations.put(phase, new ConcurrentLinkedDeque<>());
        }
    }

    void enter(int worker, Phase phase, UUID requestId) {
        slots.set(worker, new Slot(phase, System.nanoTime(), requestId));
    }

    /** The call ended (answered or not): the worker is idle, and the call's duration is kept. */
    void leave(int worker) {
        Slot slot = slots.getAndSet(worker, new Slot(Phase.IDLE, System.nanoTime(), null));
        Deque<Long> recent = durations.get(slot.phase());
        recent.addLast(System.nanoTime() - slot.since());
        while (recent.size() > RECENT) {
            recent.pollFirst();
        }
    }

    /** Every worker's place now. */
    Map<Integer, Slot> snapshot() {
        Map<Integer, Slot> now = new TreeMap<>();
        for (int i = 0; i < slots.length(); i++) {
            now.put(i, slots.get(i));
        }
        return now;
    }

    /**
     * Waits until some worker has been inside {@code phase} for half the median time its recent calls
     * took (deep enough that the call reached the service and is being worked on), or until
     * {@code patience} ran out.
     *
     * @return whether a worker was inside {@code phase} when the wait ended
     */
    boolean awaitInside(Phase phase, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            long depth = medianNanos(phase) / 2;
            long now = System.nanoTime();
            for (int i = 0; i < slots.length(); i++) {
                Slot slot = slots.get(i);
                if (slot.phase() == phase && now - slot.since() >= depth) {
                    return true;
                }
            }
            Thread.sleep(1);
        }
        return false;
    }

    private long medianNanos(Phase phase) {
        List<Long> sorted = new ArrayList<>(durations.get(phase));
        sorted.sort(null);
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    /** The median duration of each phase's recent calls, for the report. */
    String medians() {
        StringBuilder text = new StringBuilder();
        for (Phase phase : List.of(Phase.CREATE, Phase.READ_CODE, Phase.CONFIRM, Phase.DOWNLOAD)) {
            text.append(text.isEmpty() ? "" : ", ").append(phase).append(' ')
                    .append(Duration.ofNanos(medianNanos(phase)).toMillis()).append(" ms");
        }
        return text.toString();
    }
}

