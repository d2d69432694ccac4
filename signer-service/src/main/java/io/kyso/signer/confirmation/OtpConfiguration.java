package io.kyso.signer.confirmation;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/**
 * One-time-code rules (docs/security.md, "One-time codes"). The key of the HMAC under which codes are stored is a
 * secret ({@code kyso.otp.hash-key} / {@code KYSO_OTP_HASH_KEY}, or Vault's {@code otp-hash-key}),
 * see {@link OtpGenerator}.
 *
 * @param lifetime              how long a code is valid; at most 10 minutes
 * @param maxAttempts           wrong codes before the request locks
 * @param maxResends            codes that may be re-sent per request
 * @param resendInterval        least time between two codes of one request
 * @param citizenFailureLimit   wrong codes across a citizen's requests within the window that block them
 * @param citizenFailureWindow  that window
 * @param citizenCooldown       how long the block lasts
 * @param messageTemplate       the text sent by SMS and email: {code}, {portal}, {title}, {documents},
 *                              {reference}, {minutes} and {link} are filled in; {code} is required
 */
@Context
@ConfigurationProperties("kyso.otp")
public record OtpConfiguration(
        @Bindable(defaultValue = "5m") Duration lifetime,
        @Bindable(defaultValue = "5") @Min(1) @Max(10) int maxAttempts,
        @Bindable(defaultValue = "3") @Min(0) @Max(10) int maxResends,
        @Bindable(defaultValue = "60s") Duration resendInterval,
        @Bindable(defaultValue = "20") @Min(1) int citizenFailureLimit,
        @Bindable(defaultValue = "1h") Duration citizenFailureWindow,
        @Bindable(defaultValue = "1h") Duration citizenCooldown,
        @Bindable(defaultValue = DEFAULT_TEMPLATE) String messageTemplate) {

    public static final String DEFAULT_TEMPLATE = "[Kyso] Mã xác nhận: {code}. {portal} đề nghị bạn ký hồ sơ"
            + " \"{title}\" ({documents} tài liệu), mã tham chiếu {reference}. Xem và xác nhận: {link} ."
            + " Mã có hiệu lực {minutes} phút. Không chia sẻ mã này với bất kỳ ai.";

    public OtpConfiguration {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("kyso.otp.lifetime must be between 1 second and 10 minutes, was " + lifetime);
        }
        if (messageTemplate == null || !messageTemplate.contains("{code}")) {
            throw new IllegalArgumentException("kyso.otp.message-template must contain {code}");
        }
    }
}
