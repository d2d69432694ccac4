package io.kyso.bench.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Heap figures come from the collections a JDK 17 unified GC log records, in any unit. */
class GcLogTest {

    @Test
    void shouldTakeTheLargestHeapBeforeAndAfterAnyPause() {
        GcLog log = GcLog.parse(List.of(
                "[0.512s][info][gc] Using G1",
                "[1.203s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->6M(256M) 5.123ms",
                "[2.001s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 180M->150M(256M) 9.1ms",
                "[2.100s][info][gc] GC(2) Concurrent Mark Cycle",
                "[2.300s][info][gc] GC(3) Pause Remark 160M->140M(256M) 1.0ms",
                "[3.000s][info][gc] GC(4) Pause Young (Normal) (G1 Evacuation Pause) 900K->512K(256M) 0.5ms"));
        assertEquals(180L << 20, log.maxBeforeBytes());
        assertEquals(150L << 20, log.maxAfterBytes());
        assertEquals(4, log.collections());
        assertFalse(log.fullCollection());
    }

    @Test
    void shouldNoticeAFullCollection() {
        GcLog log = GcLog.parse(List.of("[9.0s][info][gc] GC(7) Pause Full (G1 Compaction Pause) 1G->200M(1G) 80.0ms"));
        assertTrue(log.fullCollection());
        assertEquals(1L << 30, log.maxBeforeBytes());
    }
}
