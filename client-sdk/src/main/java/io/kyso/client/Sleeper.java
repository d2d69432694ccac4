package io.kyso.client;

import java.time.Duration;

/** Pauses the calling thread; replaced in tests so that backoff can be observed without waiting. */
@FunctionalInterface
interface Sleeper {
    Sleeper THREAD = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
