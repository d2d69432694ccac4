package io.kyso.verification.report;

/**
 * The outcome of a signature, a file or a dossier, in ETSI EN 319 102-1's three values: VALID
 * (DSS's TOTAL_PASSED), INVALID (TOTAL_FAILED: proven wrong) and INDETERMINATE (cannot be
 * established, e.g. an unknown or revoked certificate without proof of time). Only VALID is valid.
 */
public enum Verdict {
    VALID(0), INDETERMINATE(1), INVALID(2);

    private final int severity;

    Verdict(int severity) {
        this.severity = severity;
    }

    /** The worse of two: INVALID over INDETERMINATE over VALID. */
    public Verdict worst(Verdict other) {
        return other.severity > severity ? other : this;
    }
}
