package io.kyso.client;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": the n-th pause is drawn from [cap/2, cap] where cap is
 * {@code initial · 2^(n-1)}, bounded by {@code max}. The random half spreads the retries of many
 * portals that failed at the same moment (an outage) so they do not return in lockstep; the fixed
 * half keeps a pause from collapsing to nothing.
 */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;

    Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The pause before retry number {@code retry} (1 for the first retry). */
    Duration delay(int retry) {
        long capMillis = cap(retry).toMillis();
        long half = capMillis / 2;
        return Duration.ofMillis(half + (capMillis - half == 0 ? 0 : random.nextLong(capMillis - half + 1)));
    }

    /** The upper bound of the pause before retry {@code retry}. */
    Duration cap(int retry) {
        int doublings = Math.min(Math.max(retry - 1, 0), 30);
        long millis = initial.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
