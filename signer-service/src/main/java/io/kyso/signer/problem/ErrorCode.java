package io.kyso.signer.problem;

/**
 * Every stable error code the API answers with. Codes are part of the API: never rename one.
 */
public enum ErrorCode {
    // request shape and authentication
    REQUEST_MALFORMED("request.malformed", 400, "The request is not valid"),
    REQUEST_UNKNOWN_FIELD("request.unknown_field", 400, "The request has a field this call does not know"),
    REQUEST_TOO_LARGE("request.too_large", 413, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE("request.unsupported_media_type", 415, "Unsupported media type"),
    METHOD_NOT_ALLOWED("request.method_not_allowed", 405, "Method not allowed"),
    NOT_FOUND("not_found", 404, "Not found"),
    AUTH_REQUIRED("auth.required", 401, "An API key is required"),
    AUTH_INVALID("auth.invalid_api_key", 401, "The API key is not valid"),

    // idempotency of POSTs
    IDEMPOTENCY_KEY_INVALID("idempotency.key_invalid", 400, "The Idempotency-Key header is not valid"),
    IDEMPOTENCY_KEY_REUSED("idempotency.key_reused", 422, "The Idempotency-Key was used for another request"),
    IDEMPOTENCY_IN_PROGRESS("idempotency.in_progress", 409, "A request with this Idempotency-Key is in progress"),

    // citizens
    CITIZEN_NOT_FOUND("citizen.not_found", 404, "Citizen not found"),
    CITIZEN_ALREADY_ENROLLED("citizen.already_enrolled", 409, "Citizen already enrolled"),
    CITIZEN_LOCKED("citizen.locked", 423, "Too many wrong codes for this citizen"),
    CITIZEN_CHANNEL_UNAVAILABLE("citizen.channel_unavailable", 400, "The chosen code channel cannot reach this citizen"),
    CITIZEN_TOTP_NOT_ENROLLED("citizen.totp_not_enrolled", 409, "The citizen has no authenticator app enrolled"),
    CREDENTIAL_REVOKED("credential.revoked", 409, "The citizen's signing credential is revoked"),
    CREDENTIAL_UNUSABLE("credential.unusable", 409, "The citizen's signing credential cannot sign now"),
    CREDENTIAL_NOT_ACTIVATED("credential.not_activated", 409,
            "The citizen has not activated their signing credential yet"),
    CREDENTIAL_ALREADY_ACTIVE("credential.already_active", 409, "The citizen's signing credential is already active"),
    CITIZEN_EMAIL_NOT_VERIFIED("citizen.email_not_verified", 409,
            "The citizen has not proven that they hold this email address"),

    // activation of a credential by its citizen, and identity proofing with the national identity provider
    ACTIVATION_EXPIRED("activation.expired", 410, "The activation link has expired or was replaced"),
    ACTIVATION_LOCKED("activation.locked", 423, "Too many wrong codes for this activation link"),
    ACTIVATION_OTHER_BROWSER("activation.other_browser", 403,
            "The identity login must be done in the browser that gave the activation codes"),
    IDENTITY_MISMATCH("identity.mismatch", 403, "The identity login is not the citizen's"),
    IDENTITY_FAILED("identity.failed", 400, "The identity provider's answer is not valid"),
    IDENTITY_UNAVAILABLE("identity.unavailable", 503, "The identity provider is unavailable"),

    // documents
    DOCUMENT_MISSING_CONTENT("document.missing_content", 400, "A document has no content"),
    DOCUMENT_EMPTY("document.empty", 400, "A document is empty"),
    DOCUMENT_TOO_LARGE("document.too_large", 400, "A document is too large"),
    DOCUMENT_UNSUPPORTED_TYPE("document.unsupported_type", 400, "A document has an unsupported type"),
    DOCUMENT_MALFORMED("document.malformed", 400, "A document is malformed"),
    DOCUMENT_ENCRYPTED("document.encrypted", 400, "A document is encrypted"),
    DOCUMENT_AMBIGUOUS_STRUCTURE("document.ambiguous_structure", 400, "A document can show different content to different readers"),
    DOCUMENT_DTD_FORBIDDEN("document.dtd_forbidden", 400, "A document declares a DTD"),
    DOCUMENT_INVALID_OPTIONS("document.invalid_options", 400, "A document's signing options do not fit it"),
    DOCUMENTS_TOO_MANY("request.too_many_documents", 400, "Too many documents"),
    DOCUMENT_NOT_FOUND("document.not_found", 404, "Document not found"),
    DOCUMENT_NOT_SIGNED("document.not_signed", 409, "The document has not been signed"),
    DOCUMENT_VERSION_NOT_FOUND("document.version_not_found", 404, "The document has no such signed version"),

    // signing requests
    REQUEST_NOT_FOUND("request.not_found", 404, "Signing request not found"),
    REQUEST_ALREADY_CONFIRMED("request.already_confirmed", 409, "The request was already confirmed"),
    REQUEST_NOT_AWAITING("request.not_awaiting_confirmation", 409, "The request no longer awaits confirmation"),
    REQUEST_LOCKED("request.locked", 423, "The request is locked after too many wrong codes"),
    REQUEST_EXPIRED("request.expired", 410, "The request has expired"),
    REQUEST_INVALID_CALLBACK_URL("request.invalid_callback_url", 400, "The callback URL is not allowed"),
    REQUEST_CALLBACK_NOT_CONFIGURED("request.callback_not_configured", 400,
            "The portal has no webhook secret to sign callbacks with"),
    CONFIRMATION_UNKNOWN_DOCUMENT("confirmation.unknown_document", 400, "An approved document is not part of the request"),
    CONFIRMATION_DOCUMENTS_CHANGED("confirmation.documents_changed", 409, "The documents changed since they were presented"),

    // one-time codes
    OTP_INVALID("otp.invalid", 400, "The code is not valid"),
    OTP_EXPIRED("otp.expired", 410, "The code has expired"),
    OTP_RESEND_LIMIT("otp.resend_limit", 429, "No more codes can be sent for this request"),
    OTP_RESEND_TOO_SOON("otp.resend_too_soon", 429, "A code was sent too recently"),
    OTP_DELIVERY_FAILED("otp.delivery_failed", 502, "The code could not be delivered"),
    OTP_APP_CHANNEL("otp.app_channel", 409, "The citizen confirms with an authenticator app; no code is sent"),
    OTP_APP_CODE_PAGE_ONLY("otp.app_code_page_only", 403,
            "Authenticator codes are accepted only on the citizen's confirmation page, which shows the documents"),
    OTP_USED("otp.used", 410, "The code was already used; a new code was sent to the citizen"),

    // authenticator apps
    TOTP_ENROLLMENT_EXPIRED("totp.enrollment_expired", 410, "The enrollment link has expired or was used"),
    TOTP_ENROLLMENT_LOCKED("totp.enrollment_locked", 423, "Too many wrong codes for this enrollment link"),
    TOTP_INVITATION_NOT_PROVEN("totp.invitation_not_proven", 403,
            "The invitation's code was not given in this browser"),

    // the citizen's pages
    PAGE_LINK_INVALID("page.link_invalid", 404, "The link is not valid"),
    PAGE_CSRF_INVALID("page.csrf_invalid", 403, "The form is out of date; reload the page"),
    PAGE_LOGIN_REQUIRED("page.login_required", 401, "Log in with a code sent to your phone first"),

    // verification
    VERIFICATION_NO_FILES("verification.no_files", 400, "No file to verify"),
    VERIFICATION_TOO_MANY_FILES("verification.too_many_files", 400, "Too many files to verify"),
    VERIFICATION_UNSUPPORTED_FILE("verification.unsupported_file", 400, "A file is neither a PDF nor an XML document"),
    VERIFICATION_DUPLICATE_NAME("verification.duplicate_name", 400, "Two files have the same name"),
    VERIFICATION_NOT_FOUND("verification.not_found", 404, "Verification not found"),
    VERIFICATION_FILE_NOT_FOUND("verification.file_not_found", 404, "The verification has no such file"),

    // audit
    AUDIT_FULL_EXPORT_FORBIDDEN("audit.full_export_forbidden", 403, "Only an auditor may export the full audit chain"),
    AUDIT_FULL_CHAIN_FORBIDDEN("audit.full_chain_forbidden", 403, "Only an auditor may verify the full audit chain"),

    // long-term signatures: the timestamping authority and the CAs' revocation services (retry later)
    TIMESTAMP_UNAVAILABLE("timestamp.unavailable", 503, "The timestamping authority is unavailable"),
    TIMESTAMP_INVALID("timestamp.invalid", 502, "The timestamping authority gave an unusable answer"),
    REVOCATION_DATA_UNAVAILABLE("revocation_data.unavailable", 503, "Revocation data cannot be fetched"),
    REVOCATION_DATA_INVALID("revocation_data.invalid", 502, "Revocation data fetched is not usable"),
    CERTIFICATE_REVOKED("signing.certificate_revoked", 409, "A certificate the signature depends on is revoked"),

    // infrastructure
    HSM_UNAVAILABLE("hsm.unavailable", 503, "The signing device is unavailable"),
    DATABASE_UNAVAILABLE("database.unavailable", 503, "The database is unavailable"),
    SERVICE_UNAVAILABLE("service.unavailable", 503, "The service is unavailable"),
    BUSY("busy", 409, "Another call is changing the same thing; retry in a moment"),
    SIGNING_FAILED("signing.failed", 500, "Signing failed"),
    INTERNAL("internal", 500, "Internal error");

    private final String code;
    private final int status;
    private final String title;

    ErrorCode(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String typeUri() {
        return "https://kyso.io/problems/" + code;
    }
}
