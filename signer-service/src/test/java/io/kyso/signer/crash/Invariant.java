package io.kyso.signer.crash;

/** What the harness holds the service to ("nothing acknowledged is ever lost"), one line each. */
enum Invariant {
    REQUEST_EXISTS("every request the service acknowledged still exists"),
    STATE_NOT_BEHIND("a request's state is the acknowledged one or a later one"),
    SIGNED_STAYS_SIGNED("a request that answered SIGNED is SIGNED"),
    SIGNED_BYTES_UNCHANGED("a signed document is byte-identical to what was acknowledged and downloaded"),
    ONE_VALID_SIGNATURE("a signed document carries exactly one signature, valid in pdfsig"),
    STORE_HOLDS_ONLY_COMMITTED("every file in the document store belongs to committed state"),
    NO_LEFTOVER_TEMPORARY_FILES("calls that ended (no crash) leave no temporary file in the store"),
    NO_UNANSWERED_REQUEST("every request in the service was named by an answer (a retried create made no second request)"),
    AUDIT_CHAIN_VALID("the audit chain verifies"),
    AUDIT_RECORDS_EACH_SIGNATURE(
            "the audit log has one DOCUMENT_SIGNED entry for each signed document, none for an unsigned one"),
    SIGNED_ONCE("no document is signed twice"),
    RETRY_ANSWERS_FIRST_CALL("a retry with the same Idempotency-Key answers what the first call did, or finishes it"),
    IN_PROGRESS_IS_BRIEF("409 idempotency.in_progress does not outlast a crash by more than a few seconds"),
    ERRORS_ARE_PROBLEMS("an error answer is a problem with a stable code; 500 never (HSM away is 503)"),
    HSM_LOSS_FAILS_NOTHING("losing the HSM makes no request FAILED"),
    SIGNING_RESUMES("signing resumes once the HSM is back, without a restart");

    private final String rule;

    Invariant(String rule) {
        this.rule = rule;
    }

    String rule() {
        return rule;
    }
}
