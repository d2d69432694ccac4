package io.kyso.signer.testing;

import io.kyso.signer.persistence.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

/** Reads a service's database directly, as an operator with database access would. */
public final class DatabaseProbe {
    private DatabaseProbe() {
    }

    /** The single number {@code sql} selects, e.g. {@code SELECT COUNT(*) FROM … WHERE x = ?}. */
    public static long number(KysoTestService kyso, String sql, Object... parameters) {
        return kyso.context().getBean(Database.class).read(c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    select.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** A single text value, e.g. a row's state. */
    public static String text(KysoTestService kyso, String sql, Object... parameters) {
        return kyso.context().getBean(Database.class).read(c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    select.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    /**
     * Waits until {@code sql} selects {@code expected} (work done in the background, such as a
     * webhook delivery); fails if it has not after {@code patience}.
     */
    public static void awaitText(KysoTestService kyso, String expected, Duration patience, String sql,
                                 Object... parameters) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        String actual;
        while (!expected.equals(actual = text(kyso, sql, parameters))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still " + actual + " instead of " + expected + " after " + patience + ": " + sql);
            }
            Thread.sleep(50);
        }
    }

    /** How many audit entries of {@code type} the request has. */
    public static long auditEntries(KysoTestService kyso, String type, Object requestId) {
        kyso.context().getBean(io.kyso.signer.audit.AuditLog.class).flush(); // chained entries only
        return number(kyso, "SELECT COUNT(*) FROM audit_event WHERE event_type = ? AND request_id = ?", type,
                java.util.UUID.fromString(requestId.toString()));
    }
}
