package io.kyso.signer.audit;

/** Everything the audit log records. Names are stored: never rename one. */
public enum AuditEventType {
    CITIZEN_ENROLLED,
    REQUEST_CREATED,
    CODE_SENT,
    CODE_DELIVERY_FAILED,
    CODE_FAILED,
    REQUEST_CONFIRMED,
    REQUEST_REJECTED,
    REQUEST_LOCKED,
    REQUEST_EXPIRED,
    CITIZEN_LOCKED,
    DOCUMENT_SIGNED,
    REQUEST_SIGNED,
    SIGNING_FAILED,
    DOCUMENT_DOWNLOADED,
    VERIFICATION_RUN,
    EVIDENCE_EXPORTED
}
