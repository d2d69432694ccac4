package io.kyso.signer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service's own metrics, exported on {@code /prometheus}: requests by final state, signatures
 * by format, HSM signing latency, wrong codes and lockouts. Counted after the change committed.
 */
@Singleton
public class KysoMetrics {
    private final MeterRegistry registry;
    private final Timer hsmSign;
    private final Counter codeFailures;
    private final AtomicInteger archiveDue = new AtomicInteger();

    public KysoMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.hsmSign = Timer.builder("kyso.hsm.sign").description("Time the HSM takes to sign one digest")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(5)).register(registry);
        this.codeFailures = Counter.builder("kyso.codes.failed").description("Wrong one-time codes").register(registry);
        Gauge.builder("kyso.archive.due", archiveDue, AtomicInteger::get)
                .description("Kept B-LTA documents due for archive renewal at the last round").register(registry);
    }

    /** A signing request reached {@code status}, a final state. */
    public void requestCompleted(Enum<?> status) {
        Counter.builder("kyso.requests.completed").description("Signing requests that reached a final state")
                .tag("status", status.name()).register(registry).increment();
    }

    public void documentSigned(String format) {
        Counter.builder("kyso.signatures").description("Documents signed").tag("format", format)
                .register(registry).increment();
    }

    public void codeFailed() {
        codeFailures.increment();
    }

    /** {@code scope} is {@code request} (5 wrong codes) or {@code citizen} (too many across requests). */
    public void lockout(String scope) {
        Counter.builder("kyso.lockouts").description("Requests or citizens locked after wrong codes")
                .tag("scope", scope).register(registry).increment();
    }

    /** A file of the store that no committed state referred to, moved to quarantine; {@code folder} is its top folder. */
    public void fileQuarantined(String folder) {
        Counter.builder("kyso.store.quarantined").description("Files of the store no committed state referred to")
                .tag("folder", folder).register(registry).increment();
    }

    /** A file that committed state refers to but the store does not have. */
    public void fileMissing(String folder) {
        Counter.builder("kyso.store.missing").description("Files committed state refers to that the store lacks")
                .tag("folder", folder).register(registry).increment();
    }

    /** A kept document's archive timestamp renewed ({@code renewed}) or not this time ({@code failed}). */
    public void archiveRenewal(String outcome) {
        Counter.builder("kyso.archive.renewals").description("Archive timestamp renewals of kept B-LTA documents")
                .tag("outcome", outcome).register(registry).increment();
    }

    /** How many kept documents were due for renewal at the last round. */
    public void archiveDue(int count) {
        archiveDue.set(count);
    }

    public Timer hsmSignTimer() {
        return hsmSign;
    }
}
