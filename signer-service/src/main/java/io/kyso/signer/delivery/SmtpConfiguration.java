package io.kyso.signer.delivery;

import io.kyso.signer.support.Masked;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import java.time.Duration;

/**
 * The SMTP server that sends codes by email.
 *
 * @param host     the server
 * @param port     its submission port (587 with STARTTLS by default)
 * @param username login, if the server wants one
 * @param password its password (a secret: from the environment or Vault)
 * @param from     the sender address citizens see
 * @param startTls require STARTTLS before sending credentials or codes
 * @param timeout  connect, read and write timeout
 */
@ConfigurationProperties("kyso.smtp")
public record SmtpConfiguration(
        @NotBlank String host,
        @Bindable(defaultValue = "587") @Min(1) @Max(65535) int port,
        @Nullable String username,
        @Nullable String password,
        @NotBlank @Email String from,
        @Bindable(defaultValue = "true") boolean startTls,
        @Bindable(defaultValue = "10s") Duration timeout) {

    @Override
    public String toString() {
        return "SmtpConfiguration[host=" + host + ", port=" + port + ", username=" + username + ", password="
                + Masked.presence(password) + ", from=" + from + ", startTls=" + startTls + "]";
    }
}
