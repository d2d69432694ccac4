package io.kyso.signer.pki;

import java.math.BigInteger;
import java.time.Instant;

/** A revoked certificate as the CA's records hold it; {@code reasonCode} is the RFC 5280 code. */
public record Revocation(BigInteger serial, Instant revokedAt, int reasonCode) {
}
