package io.kyso.signer.testing;

import io.kyso.signer.ClockFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real clock plus an offset a test moves forward, so that expiries are tested without sleeping
 * (a sleep long enough to pass on a loaded machine makes a test slow; a short one makes it flaky).
 * Active only with {@code kyso.test.adjustable-clock=true}; get it with
 * {@code kyso.context().getBean(Clock.class)}.
 */
public final class AdjustableClock extends Clock {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Moves this clock {@code by} forward, for every part of the service at once. */
    public void advance(Duration by) {
        offset.accumulateAndGet(by, Duration::plus);
    }

    public static AdjustableClock of(KysoTestService kyso) {
        return (AdjustableClock) kyso.context().getBean(Clock.class);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service's clock is UTC");
    }

    /** Puts the adjustable clock where the service's clock would be. */
    @Factory
    @Requires(property = "kyso.test.adjustable-clock", value = "true")
    static class Wiring {
        @Singleton
        @Replaces(bean = Clock.class, factory = ClockFactory.class)
        Clock adjustableClock() {
            return new AdjustableClock();
        }
    }
}
