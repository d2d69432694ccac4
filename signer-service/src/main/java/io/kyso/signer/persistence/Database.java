package io.kyso.signer.persistence;

import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Runs units of work in one JDBC transaction. A database that cannot be reached becomes a 503
 * {@code database.unavailable}; any other SQL failure is a bug and propagates as
 * {@link DatabaseException}. A transaction returns only once it is durable ({@link CommitDurability}):
 * whatever the caller answers after it survives a {@code kill -9} or a power cut.
 *
 * <p>Plain JDBC on purpose: the signing flow depends on conditional updates
 * ({@code UPDATE … WHERE status = ?}) and row locks whose semantics must stay visible in the code.
 */
@Singleton
public class Database {
    /**
     * A row lock waited for too long, or a deadlock or serialization failure: another transaction
     * holds what this one needs (H2 HYT00/40001, PostgreSQL 55P03/40P01/40001). Rolled back, retryable.
     */
    private static final java.util.Set<String> CONTENTION = java.util.Set.of("HYT00", "40001", "40P01", "55P03");

    private final DataSource dataSource;
    private final CommitDurability durability;

    public Database(DataSource dataSource, CommitDurability durability) {
        this.dataSource = dataSource;
        this.durability = durability;
    }

    /** A piece of work on an open connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction, committing on return and rolling back on any exception.
     * Returns once the commit is durable; the connection goes back to the pool before that wait.
     */
    public <T> T inTransaction(Work<T> work) {
        T result;
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            try {
                result = work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw translate(e);
        }
        durability.awaitDurable();
        return result;
    }

    /** Runs read-only {@code work} in auto-commit mode. */
    public <T> T read(Work<T> work) {
        try (Connection connection = open()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private Connection open() throws SQLException {
        return dataSource.getConnection();
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    private static RuntimeException translate(SQLException e) {
        if (e instanceof SQLTransientConnectionException || "08".equals(sqlStateClass(e))) {
            return new KysoException(Problem.of(ErrorCode.DATABASE_UNAVAILABLE,
                    "The database cannot be reached. Nothing was changed; try again in a moment.").withRetryAfter(10), e);
        }
        if (CONTENTION.contains(e.getSQLState())) {
            return new KysoException(Problem.of(ErrorCode.BUSY,
                    "Another call is changing the same thing. Nothing was changed; try again in a moment.")
                    .withRetryAfter(1), e);
        }
        return new DatabaseException(e);
    }

    private static String sqlStateClass(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.length() < 2 ? "" : state.substring(0, 2);
    }
}
