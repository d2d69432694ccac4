package io.kyso.signer.dev;

import io.kyso.signer.delivery.OtpSender;
import io.kyso.signer.delivery.OtpMessage;
import io.kyso.signer.delivery.OtpChannel;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.persistence.Jdbc;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.time.Clock;

/**
 * The development channel for every kind of code: messages are kept in the database instead of
 * being sent, and read back through {@code GET /dev/outbox}. Exists only in the {@code dev}
 * environment.
 */
@Singleton
@Requires(env = Environment.DEVELOPMENT)
public class DevOutboxChannel implements OtpSender {
    private final Database database;
    private final Clock clock;

    public DevOutboxChannel(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "outbox";
    }

    @Override
    public boolean carries(OtpChannel kind) {
        return kind != OtpChannel.APP;
    }

    @Override
    public void send(OtpMessage message) {
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO dev_outbox (recipient, text, sent_at, channel) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, message.recipient());
                insert.setString(2, message.text());
                Jdbc.setInstant(insert, 3, clock.instant());
                insert.setString(4, message.channel().name());
                insert.executeUpdate();
            }
            return null;
        });
    }
}
