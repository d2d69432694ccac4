package io.kyso.signer.dev;

import io.kyso.signer.enrollment.PhoneNumbers;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.persistence.Jdbc;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /dev/outbox?phone=+84…} (SMS) or {@code ?email=…} (email): the messages the
 * development channel "sent", newest first.
 */
@Controller("/dev/outbox")
@Requires(env = Environment.DEVELOPMENT)
@ExecuteOn(TaskExecutors.BLOCKING)
public class DevOutboxController {
    private final Database database;

    public DevOutboxController(Database database) {
        this.database = database;
    }

    @Serdeable
    public record OutboxMessage(String to, String channel, String text, Instant sentAt) {
    }

    @Get
    public List<OutboxMessage> messages(@Nullable @QueryValue String phone, @Nullable @QueryValue String email) {
        String recipient = phone != null ? PhoneNumbers.normalize(phone) : email == null ? "" : email.strip();
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT recipient, channel, text, sent_at FROM dev_outbox WHERE recipient = ? ORDER BY id DESC""")) {
                select.setString(1, recipient);
                select.setMaxRows(50);
                List<OutboxMessage> messages = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        messages.add(new OutboxMessage(rs.getString(1), rs.getString(2), rs.getString(3),
                                Jdbc.getInstant(rs, "sent_at")));
                    }
                }
                return messages;
            }
        });
    }
}
