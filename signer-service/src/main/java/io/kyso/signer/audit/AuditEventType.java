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
    WEBHOOK_DELIVERED,
    WEBHOOK_FAILED,
    CONFIRMATION_PAGE_OPENED,
    DOCUMENT_APPROVED,
    DOCUMENT_REJECTED,
    OTP_CHANNEL_CHANGED,
    TOTP_ENROLLMENT_STARTED,
    TOTP_ENROLLMENT_FAILED,
    TOTP_ENROLLED,
    EVIDENCE_EXPORTED,
    STORE_FILE_QUARANTINED,
    STORE_FILE_MISSING,
    CREDENTIAL_REVOKED,
    /** A kept B-LTA document got a new archive timestamp, as a new signed version. */
    ARCHIVE_RENEWED,
    /** A renewal could not be made this time (an authority down, or no stronger timestamp to be had); it is tried again. */
    ARCHIVE_RENEWAL_FAILED
}
