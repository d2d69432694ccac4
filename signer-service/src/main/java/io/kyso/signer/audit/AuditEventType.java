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
    /** CSC API: a portal got a service access token (client credentials). */
    CSC_SERVICE_TOKEN_ISSUED,
    /** CSC API: a portal asked a citizen to authorize signing a set of hashes; the citizen's page opened. */
    CSC_AUTHORIZATION_REQUESTED,
    CSC_AUTHORIZATION_CONFIRMED,
    CSC_AUTHORIZATION_REJECTED,
    CSC_AUTHORIZATION_LOCKED,
    /** CSC API: the authorization code was exchanged for a credential token (the SAD). */
    CSC_CREDENTIAL_TOKEN_ISSUED,
    /** CSC API: an authorization code was presented again; every token issued with it was revoked. */
    CSC_CODE_REPLAYED,
    CSC_TOKEN_REVOKED,
    /** CSC API: signatures/signHash signed hashes under a credential authorization. */
    CSC_HASHES_SIGNED,
    /** CSC API: signatures/signDoc signed documents under a credential authorization. */
    CSC_DOCUMENTS_SIGNED,
    /** CSC API: a credential token was used for a hash it does not cover, or for one already signed. */
    CSC_SIGNING_REFUSED,
    ACTIVATION_STARTED,
    ACTIVATION_CODE_FAILED,
    ACTIVATION_CODES_VERIFIED,
    IDENTITY_VERIFIED,
    IDENTITY_MISMATCH,
    CREDENTIAL_ACTIVATED,
    FACTOR_CODE_FAILED,
    FACTOR_PROVEN,
    FACTOR_CHANGED,
    FACTOR_CHANGE_ANNOUNCED,
    CONFIRMATION_REFUSED,
    CODE_SPENT,
    CITIZEN_PAGE_LOGIN,
    /** A kept B-LTA document got a new archive timestamp, as a new signed version. */
    ARCHIVE_RENEWED,
    /** A renewal could not be made this time (an authority down, or no stronger timestamp to be had); it is tried again. */
    ARCHIVE_RENEWAL_FAILED
}
