package io.kyso.signer.verification;

import io.kyso.verification.Verifier;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The engine, with the service's trust and clock: the same {@link Verifier} the command line runs. */
@Factory
public class VerifierFactory {
    @Singleton
    Verifier verifier(ServiceTrust trust, Clock clock) {
        return new Verifier(trust, clock);
    }
}
