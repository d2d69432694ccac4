package io.kyso.verification.report;

import java.time.Instant;

/**
 * The earliest time DSS can prove a signature existed (ETSI's best signature time).
 *
 * @param time        the time
 * @param timestampId the timestamp that proves it; null if nothing does, and the time is the
 *                    validation time itself
 */
public record ProofOfExistence(Instant time, String timestampId) {
}
