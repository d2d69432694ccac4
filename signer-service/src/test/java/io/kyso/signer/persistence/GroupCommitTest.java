package io.kyso.signer.persistence;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Group commit: nobody returns before a flush that began after their commit; one flush serves many. */
class GroupCommitTest {

    @Test
    void shouldNeverReturnBeforeAFlushThatStartedAfterTheCall() throws Exception {
        AtomicLong flushesStarted = new AtomicLong();
        AtomicLong flushesFinished = new AtomicLong();
        GroupCommit group = new GroupCommit(() -> {
            flushesStarted.incrementAndGet();
            sleep(2);
            flushesFinished.incrementAndGet();
        });
        int threads = 16;
        int callsEach = 50;
        AtomicInteger violations = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < callsEach; i++) {
                    long startedBefore = flushesStarted.get();
                    group.awaitDurable();
                    // a flush that started after the call began has finished
                    if (flushesFinished.get() <= startedBefore) {
                        violations.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(0, violations.get());
        assertTrue(flushesStarted.get() < threads * callsEach,
                "concurrent callers share flushes: " + flushesStarted.get() + " flushes for " + threads * callsEach + " calls");
    }

    @Test
    void shouldThrowTheFlushFailureToTheCallerAndLetTheNextCallerFlushAgain() {
        AtomicInteger calls = new AtomicInteger();
        GroupCommit group = new GroupCommit(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("disk gone");
            }
        });
        assertThrows(IllegalStateException.class, group::awaitDurable);
        group.awaitDurable();
        assertEquals(2, calls.get());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
