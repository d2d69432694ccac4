package io.kyso.signer.persistence;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The instances of the service that share the database, by heartbeat. Each instance registers at
 * start-up and beats every few seconds; one whose heartbeat is older than {@link #DEAD_AFTER} is
 * gone (killed, or its machine lost power), so work it held in progress — an idempotency key, a
 * file it was about to refer to — may be taken over without waiting for a long lease. An instance
 * registers under a name, its host and port: a row of the same name belongs to a process this one
 * replaces (two live processes cannot listen on one host and port), which is gone at once.
 */
@Context
public class ServiceInstances {
    /** Three missed heartbeats. */
    public static final Duration DEAD_AFTER = Duration.ofSeconds(15);
    private static final Duration FORGET_AFTER = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(ServiceInstances.class);

    private final Database database;
    private final Clock clock;
    private final UUID self = UUID.randomUUID();
    private final Instant startedAt;

    public ServiceInstances(Database database, Clock clock, @Value("${micronaut.server.port:-1}") int port) {
        this.database = database;
        this.clock = clock;
        this.startedAt = clock.instant();
        String name = port > 0 ? hostName() + ":" + port : null;
        database.inTransaction(c -> {
            if (name != null) {
                try (PreparedStatement forget = c.prepareStatement("DELETE FROM service_instance WHERE name = ?")) {
                    forget.setString(1, name);
                    if (forget.executeUpdate() > 0) {
                        LOG.info("This instance ({}) replaces a process that stopped without saying so", name);
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO service_instance (id, started_at, heartbeat_at, name) VALUES (?, ?, ?, ?)")) {
                insert.setObject(1, self);
                Jdbc.setInstant(insert, 2, startedAt);
                Jdbc.setInstant(insert, 3, startedAt);
                insert.setString(4, name);
                return insert.executeUpdate();
            }
        });
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /** This instance's id (new at every start). */
    public UUID self() {
        return self;
    }

    /** Whether an instance other than this one has beaten within {@link #DEAD_AFTER}. */
    public boolean othersAlive() {
        Instant since = clock.instant().minus(DEAD_AFTER);
        return database.read(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT COUNT(*) FROM service_instance WHERE id <> ? AND heartbeat_at > ?")) {
                select.setObject(1, self);
                Jdbc.setInstant(select, 2, since);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) > 0;
                }
            }
        });
    }

    /** Whether {@code instance} is this one or has beaten within {@link #DEAD_AFTER}. */
    public boolean isAlive(UUID instance) {
        if (self.equals(instance)) {
            return true;
        }
        Instant since = clock.instant().minus(DEAD_AFTER);
        return database.read(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT COUNT(*) FROM service_instance WHERE id = ? AND heartbeat_at > ?")) {
                select.setObject(1, instance);
                Jdbc.setInstant(select, 2, since);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) > 0;
                }
            }
        });
    }

    @Scheduled(fixedDelay = "5s", initialDelay = "5s")
    void beat() {
        try {
            Instant now = clock.instant();
            database.inTransaction(c -> {
                try (PreparedStatement update = c.prepareStatement(
                        "UPDATE service_instance SET heartbeat_at = ? WHERE id = ?");
                     PreparedStatement forget = c.prepareStatement(
                             "DELETE FROM service_instance WHERE heartbeat_at < ?")) {
                    Jdbc.setInstant(update, 1, now);
                    update.setObject(2, self);
                    update.executeUpdate();
                    Jdbc.setInstant(forget, 1, now.minus(FORGET_AFTER));
                    forget.executeUpdate();
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("Heartbeat not recorded ({}); other instances may take over this one's work", e.toString());
        }
    }

    /** A clean stop says so at once, so that nothing waits for this instance's heartbeat to age. */
    @PreDestroy
    void leave() {
        try {
            database.inTransaction(c -> {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM service_instance WHERE id = ?")) {
                    delete.setObject(1, self);
                    return delete.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("Could not deregister this instance", e);
        }
    }
}
