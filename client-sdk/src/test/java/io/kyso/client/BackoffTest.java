package io.kyso.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), new SplittableRandom(7));

    @Test
    void shouldDoubleTheCeilingWithEachRetryUpToTheMaximum() {
        assertEquals(Duration.ofMillis(200), backoff.cap(1));
        assertEquals(Duration.ofMillis(400), backoff.cap(2));
        assertEquals(Duration.ofMillis(3200), backoff.cap(5));
        assertEquals(Duration.ofSeconds(5), backoff.cap(6));
        assertEquals(Duration.ofSeconds(5), backoff.cap(500));
    }

    @Test
    void shouldDrawEveryPauseFromTheUpperHalfOfItsCeiling() {
        for (int retry = 1; retry <= 10; retry++) {
            for (int i = 0; i < 200; i++) {
                long pause = backoff.delay(retry).toMillis();
                long cap = backoff.cap(retry).toMillis();
                assertTrue(pause >= cap / 2 && pause <= cap, "retry " + retry + ": " + pause + " of " + cap);
            }
        }
    }

    @Test
    void shouldSpreadPausesSoThatClientsDoNotRetryInLockstep() {
        long distinct = java.util.stream.IntStream.range(0, 100).mapToLong(i -> backoff.delay(4).toMillis())
                .distinct().count();
        assertTrue(distinct > 50, "only " + distinct + " distinct pauses");
    }
}
