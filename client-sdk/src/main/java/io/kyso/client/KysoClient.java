package io.kyso.client;


/**
 * Kyso for a portal: enroll citizens, send dossiers for signature, relay the citizen's code, wait
 * for the outcome and download the signed documents.
 *
 * <pre>{@code
 * KysoClient kyso = KysoClient.create(KysoConfig.builder().baseUrl(url).apiKey(key).build());
 * Citizen citizen = kyso.citizens().enroll(EnrollCitizen.of("001099012345", "Nguyễn Thị Hồng Nhung", "+84912345678"));
 * SigningRequest request = kyso.signingRequests().create(NewSigningRequest.builder(citizen.id(), "Hồ sơ")
 *         .document(DocumentUpload.of(Path.of("giay-de-nghi.pdf")))
 *         .build());
 * }</pre>
 *
 * <p><b>Failures.</b> Every call either returns Kyso's answer or throws a {@link KysoException}:
 * {@link KysoApiException} when Kyso answered with a problem (its HTTP status and stable
 * {@code code}), {@link KysoConnectionException} when Kyso could not be reached even after retries.
 * Calls are retried on connection failures and {@code 503} with exponential backoff and jitter; every
 * {@code POST} carries an {@code Idempotency-Key} that its retries reuse, so a retried call never
 * creates a second signing request or signs twice.
 *
 * <p><b>Extension points.</b> Operations are grouped by the feature of the API they call. Document
 * verification and authenticator (TOTP) enrollment are not offered by the service yet; they will
 * arrive as further groups ({@code verifications()}, {@code authenticators()}) beside these, without
 * changing the existing ones.
 *
 * <p>Implementations are thread-safe: create one client per Kyso and API key, and share it.
 */
public interface KysoClient {

    /** A client for the given configuration. */
    static KysoClient create(KysoConfig config) {
        return new HttpKysoClient(config);
    }

    /** A client configured from {@code KYSO_URL} and {@code KYSO_API_KEY}, with default timeouts and retries. */
    static KysoClient fromEnvironment() {
        return create(KysoConfig.builder().build());
    }

    /** Enrollment of citizens' signing identities ({@code /api/v1/citizens}). */
    Citizens citizens();

    /** Dossiers sent for a citizen's signature ({@code /api/v1/signing-requests}). */
    SigningRequests signingRequests();
}
