package io.kyso.signer.delivery;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * Sends codes by email over SMTP (Jakarta Mail, Eclipse Angus). One attempt per message: an SMTP
 * server that accepts a message queues and retries it itself; one that refuses it is reported.
 */
@Singleton
@Requires(property = "kyso.delivery.email", value = "smtp")
public class SmtpEmailChannel implements OtpSender {
    private final SmtpConfiguration config;
    private final Session session;

    public SmtpEmailChannel(SmtpConfiguration config) {
        this.config = config;
        this.session = Session.getInstance(properties(config));
    }

    private static Properties properties(SmtpConfiguration config) {
        String timeout = Long.toString(config.timeout().toMillis());
        Properties props = new Properties();
        props.put("mail.transport.protocol", "smtp");
        props.put("mail.smtp.host", config.host());
        props.put("mail.smtp.port", Integer.toString(config.port()));
        props.put("mail.smtp.auth", Boolean.toString(config.username() != null));
        props.put("mail.smtp.starttls.enable", Boolean.toString(config.startTls()));
        props.put("mail.smtp.starttls.required", Boolean.toString(config.startTls()));
        props.put("mail.smtp.connectiontimeout", timeout);
        props.put("mail.smtp.timeout", timeout);
        props.put("mail.smtp.writetimeout", timeout);
        return props;
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public boolean carries(OtpChannel kind) {
        return kind == OtpChannel.EMAIL;
    }

    @Override
    public void send(OtpMessage message) throws OtpDeliveryException {
        try {
            MimeMessage mail = new MimeMessage(session);
            mail.setFrom(new InternetAddress(config.from()));
            mail.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(message.recipient(), true));
            mail.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            mail.setText(message.text(), StandardCharsets.UTF_8.name());
            mail.setSentDate(new Date());
            if (config.username() != null) {
                Transport.send(mail, config.username(), config.password());
            } else {
                Transport.send(mail);
            }
        } catch (MessagingException e) {
            // the exception's text can quote the server's answer but never the message body
            throw new OtpDeliveryException("the SMTP server did not take the message: " + e.getMessage(), e);
        }
    }
}
