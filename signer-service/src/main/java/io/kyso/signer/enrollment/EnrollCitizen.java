package io.kyso.signer.enrollment;

import io.kyso.signer.delivery.OtpChannel;
import io.kyso.hsm.KeySpec;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A portal's request to enroll a citizen it has already identified.
 *
 * @param nationalId   the 12-digit CCCD number
 * @param phone        E.164 ({@code +84912345678}) or a Vietnamese national number ({@code 0912345678})
 * @param keyAlgorithm {@code EC_P256} (default), {@code RSA_2048} or {@code RSA_3072}
 * @param otpChannel   how the citizen receives codes: {@code SMS} (default) or {@code EMAIL}; {@code APP}
 *                     becomes possible once an authenticator app is enrolled
 * Optional members are left out rather than sent as null: an OpenAPI 3.0 reference cannot be
 * marked nullable, so the contract has them not nullable.
 */
@Serdeable
public record EnrollCitizen(
        @NotNull @Pattern(regexp = "\\d{12}", message = "must be the 12-digit CCCD number") String nationalId,
        @NotBlank @Size(max = 200) String fullName,
        @NotNull @Pattern(regexp = "(\\+[1-9]\\d{7,14})|(0\\d{9,10})", message = "must be a phone number in E.164 form (+84…)")
        String phone,
        @Nullable @Email @Size(max = 254) String email,
        @Nullable @Schema(nullable = false) KeySpec keyAlgorithm,
        @Nullable @Schema(nullable = false) OtpChannel otpChannel) {
}
