package io.kyso.verification;

import io.kyso.verification.report.DossierReport;

import java.util.List;

/**
 * What {@link Verifier#verify} returns: the report, and per file DSS's ETSI TS 119 102-2 validation
 * report (XML), in the files' order; null for a file DSS could not read.
 */
public record Verification(DossierReport report, List<String> etsiReports) {
    public Verification {
        etsiReports = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(etsiReports));
    }
}
